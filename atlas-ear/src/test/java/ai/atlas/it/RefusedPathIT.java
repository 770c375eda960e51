package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request paths Liberty's web container refuses before any application sees them, written on
 * a socket as they are (java.net.URI would not even hold some of them): each gets a 400
 * {@code application/problem+json} from the request guard ({@code usr:atlasRequestGuard-1.0}),
 * on every part of the server, and the connection is closed after it, so a body left unread
 * cannot be taken for the next request. Without the guard these get Liberty's HTML page.
 */
class RefusedPathIT {

  @ParameterizedTest
  @ValueSource(strings = {"/api/sessions/%00", "/api/sessions/a%0Ab", "/api/sessions/%7F", "/api/sessions/%zz",
      "/api/sessions/%", "/api/sessions/%4", "/api/sessions/%-1", "/api/sessions/%+1", "/api/..;/sessions",
      "/api/sessions/.;x", "/api/;x/sessions", "/api/../../sessions", "/api/x;p/../../../y", "/%00", "/console/%00",
      "/openapi/%00", "/health/%00"})
  void aRefusedPathIsAProblem(String path) throws IOException {
    Answer answer = request("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n\r\n");
    assertThat(answer.status()).as(path + ": " + answer).isEqualTo(400);
    assertThat(answer.header("content-type")).as(path + ": " + answer).isEqualTo("application/problem+json");
    assertThat(answer.header("connection")).as(path).isEqualToIgnoringCase("close");
    JsonObject problem = answer.json();
    assertThat(problem.getInt("status")).isEqualTo(400);
    assertThat(problem.getString("title")).isEqualTo("Bad Request");
    assertThat(problem.getString("detail")).as(path).startsWith("the request path has");
  }

  @Test
  void aBodySentToARefusedPathIsNotReadAsTheNextRequest() throws IOException {
    String smuggled = "GET /health/ready HTTP/1.1\r\nHost: localhost\r\n\r\n";
    Answer answer = request("POST /api/sessions/%00 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + smuggled.length() + "\r\n\r\n" + smuggled);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
    assertThat(answer.raw()).as("one answer on the connection, then its end").containsOnlyOnce("HTTP/1.1");
  }

  @Test
  void pathsTheWebContainerServesStillReachTheApplication() throws IOException {
    // dot segments inside the path, a path parameter on the last segment (even one holding a NUL, which canonicalization
    // drops with the parameter), an escaped letter: the web container serves them, so the guard must leave them alone
    for (String path : List.of("/api/x/../sessions", "/api/./sessions", "/api/sessions/;x", "/api/%73essions",
        "/api/x;%00/../sessions")) {
      Answer answer = request("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      assertThat(answer.status()).as(path + ": " + answer).isEqualTo(401);
      assertThat(answer.json().getString("detail")).as(path).startsWith("sign in");
    }
    Answer console = request("GET /console/./ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(console.status()).as(console.toString()).isEqualTo(200);
    // the query is not part of the path: canonicalization leaves it alone, and so does the guard
    Answer query = request("GET /health/ready?x=%zz;a/../../..%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(query.status()).as(query.toString()).isEqualTo(200);
  }

  /**
   * Paths built at random from the pieces canonicalization cares about, against the real web
   * container: whatever it refuses must have been answered by the guard, so no answer may be
   * Liberty's own page, and every error must be a problem.
   */
  @Test
  void noRandomPathGetsTheWebContainersOwnAnswer() throws IOException {
    List<String> pieces = List.of("/", "/", "a", "api", "sessions", ".", "..", "%2e", "%2E%2e", ";", ";p", "%00", "%1f", "%7F", "%",
        "%z", "%41", "//", "%2F", "%3B", "x;y", "%E2%82");
    Random random = new Random(23);
    int refusedByTheGuard = 0;
    for (int i = 0; i < 1000; i++) {
      StringBuilder path = new StringBuilder("/");
      for (int n = 1 + random.nextInt(6); n > 0; n--) {
        path.append(pieces.get(random.nextInt(pieces.size())));
      }
      Answer answer = request("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      assertThat(answer.raw()).as(path + ": " + answer).doesNotContain("CWWWC").doesNotContain("<H1>");
      assertThat(answer.status()).as(path + ": " + answer).isLessThan(500);
      if (answer.status() >= 400) {
        assertThat(answer.header("content-type")).as(path + ": " + answer).startsWith("application/problem+json");
      }
      if (answer.status() == 400) {
        refusedByTheGuard += answer.json().getString("detail").startsWith("the request path has") ? 1 : 0;
      }
    }
    assertThat(refusedByTheGuard).as("paths the guard answered").isGreaterThan(100);
  }

  /** A path the web container reaches the application with but will not serve a file for: its 403 is a problem too (web.xml). */
  @Test
  void aFileNameTheWebContainerWillNotServeIsAProblem() throws IOException {
    Answer answer = request("GET /%E2%82.. HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
    assertThat(answer.header("content-type")).as(answer.toString()).startsWith("application/problem+json");
    assertThat(answer.json().getString("title")).isEqualTo("Forbidden");
  }

  /** One exchange on a fresh connection, read until the server closes it. */
  private static Answer request(String text) throws IOException {
    URI base = URI.create(Server.baseUrl());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      in.transferTo(read);
      return new Answer(read.toString(StandardCharsets.UTF_8));
    }
  }

  private record Answer(String raw) {

    int status() {
      return Integer.parseInt(raw.split(" ", 3)[1]);
    }

    String header(String name) {
      for (String line : head().split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }

    JsonObject json() {
      String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
      if ("chunked".equalsIgnoreCase(header("transfer-encoding"))) { // the first chunk holds the document
        body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf('}') + 1);
      }
      try (var reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }

    private String head() {
      return raw.substring(0, Math.max(0, raw.indexOf("\r\n\r\n")));
    }

    @Override
    public String toString() {
      return raw.length() > 300 ? raw.substring(0, 300) + "…" : raw;
    }
  }
}
