package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.it.Server.Credentials;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Limits answer with 413 or 429 and a problem that says which limit and what to do. */
class LimitsIT {

  @Test
  void aBodyOverTheSizeLimitIsRefusedWith413() {
    String huge = "{\"task\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}";

    HttpResponse<String> response = Server.postJson("/api/sessions/import", huge);

    assertProblem(response, 413, "the request body is larger than the limit of 4194304 bytes");
  }

  @Test
  void aStreamedBodyWithoutALengthIsCutOffAtTheLimit() {
    byte[] chunk = "a".repeat(64 * 1024).getBytes();
    Supplier<java.io.InputStream> body = () -> new java.io.SequenceInputStream(java.util.Collections.enumeration(
        Stream.concat(Stream.of("{\"task\":\"".getBytes()), Stream.generate(() -> chunk).limit(80))
            .map(java.io.ByteArrayInputStream::new).toList()));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/api/sessions/import"))
        .header("Authorization", Server.admin().authorization())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(body));

    assertProblem(Server.send(request), 413, "larger than the limit");
  }

  @Test
  void aPromptOverTheTextLimitIsRefusedWith413NamingTheField() {
    String body = Json.createObjectBuilder().add("task", "t").add("final_answer", "b".repeat(100_001)).build().toString();

    HttpResponse<String> response = Server.postJson("/api/sessions/import", body);

    assertProblem(response, 413, "'final_answer' is 100001 characters long; the limit is 100000");
  }

  @Test
  void sessionsPerCallerPerMinuteAreLimitedWith429AndRetryAfter() {
    Credentials busy = Server.newKey("operator");
    HttpResponse<String> refused = null;
    for (int i = 0; i < 200 && refused == null; i++) {
      HttpResponse<String> response = Server.as(busy).send("POST", "/api/sessions/import", "{\"task\":\"burst " + i + "\"}");
      if (response.statusCode() == 429) {
        refused = response;
      } else {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      }
    }

    assertThat(refused).as("no 429 after 200 sessions in a burst").isNotNull();
    assertProblem(refused, 429, "sessions per minute per caller");
    assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    // Another caller is not held back by this one's burst.
    Credentials other = Server.newKey("operator");
    assertThat(Server.as(other).send("POST", "/api/sessions/import", "{\"task\":\"calm\"}").statusCode()).isEqualTo(201);
  }

  static void assertProblem(HttpResponse<String> response, int status, String detail) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonObject problem = Server.json(response);
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).contains(detail);
  }
}
