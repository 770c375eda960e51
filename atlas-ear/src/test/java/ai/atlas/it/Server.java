package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** The server under test, reached over real HTTP. */
final class Server {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Server() {}

  static String baseUrl() {
    return System.getProperty("atlas.it.baseUrl", "http://localhost:9080");
  }

  /** As the administrator, whose generated password the server wrote into its folder. */
  static HttpResponse<String> get(String path) {
    return as(admin()).get(path);
  }

  static HttpResponse<String> postJson(String path, String body) {
    return as(admin()).send("POST", path, body);
  }

  /** What a request carries in its Authorization header, if anything. */
  record Credentials(String authorization, String label) {

    static final Credentials NONE = new Credentials(null, "no credentials");

    static Credentials basic(String user, String password) {
      String pair = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      return new Credentials("Basic " + pair, "user " + user);
    }

    static Credentials bearer(String token, String label) {
      return new Credentials("Bearer " + token, label);
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** Requests sent with the given credentials, to the server under test or another at {@code base}. */
  record Client(Credentials credentials, String base) {

    /** The same credentials, sent to another server (a second one sharing the database). */
    Client at(String otherBase) {
      return new Client(credentials, otherBase);
    }

    HttpResponse<String> get(String path) {
      return send("GET", path, null);
    }

    HttpResponse<String> send(String method, String path, String jsonBody) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
      if (credentials.authorization() != null) {
        request.header("Authorization", credentials.authorization());
      }
      if (jsonBody == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
      }
      return Server.send(request);
    }
  }

  static Client as(Credentials credentials) {
    return new Client(credentials, baseUrl());
  }

  static Credentials admin() {
    try {
      String password = Files.readString(serverDir().resolve("initial-admin-password")).strip();
      return Credentials.basic("admin", password);
    } catch (IOException e) {
      throw new AssertionError("the server did not write its generated admin password: " + e, e);
    }
  }

  /** Creates a user with this role (and a random password), and returns its credentials. */
  static Credentials newUser(String role) {
    String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "pw-" + UUID.randomUUID();
    HttpResponse<String> created = postJson("/api/users",
        Json.createObjectBuilder().add("username", name).add("password", password).add("role", role).build().toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Credentials.basic(name, password);
  }

  /** Creates an API key with this role and returns its token as credentials. */
  static Credentials newKey(String role) {
    HttpResponse<String> created = postJson("/api/keys",
        Json.createObjectBuilder().add("name", "it " + role).add("role", role).build().toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Credentials.bearer(json(created).getString("token"), "key " + role);
  }

  /** The id of an API key, from its token ({@code atlas_<keyId>_<secret>}). */
  static String keyIdOf(Credentials key) {
    String token = key.authorization().substring("Bearer ".length());
    return token.split("_")[1];
  }

  /** The server's own folder (its working directory). */
  static Path serverDir() {
    return wlpDir().resolve("usr/servers").resolve(serverName());
  }

  static JsonObject json(HttpResponse<String> response) {
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readObject();
    }
  }

  static java.util.List<JsonObject> jsonArray(HttpResponse<String> response) {
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readArray().getValuesAs(JsonObject.class);
    }
  }

  /** Imports a session whose task carries a unique marker, and returns its id. */
  static long importSession(String task) {
    String body = Json.createObjectBuilder()
        .add("task", task)
        .add("final_answer", "42")
        .add("execution_mode", "paired")
        .add("session_reward", 0.75)
        .add("session_metadata", Json.createObjectBuilder().add("source", "it"))
        .add("steps", Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("description", "think").add("output", "6*7").add("reward", 0.5))
            .add(Json.createObjectBuilder().add("description", "answer").add("output", "42").add("reward", 1.0)))
        .add("trajectory_events", Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("event_type", "model_call")
                .add("payload", Json.createObjectBuilder().add("tokens", 12))))
        .build().toString();
    HttpResponse<String> created = postJson("/api/sessions/import", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).getJsonNumber("id").longValue();
  }

  /** A unique marker of letters only, so no redaction rule (phone, card) can ever match part of it. */
  static String marker() {
    StringBuilder marker = new StringBuilder("it-");
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < 24; i++) {
      marker.append((char) ('a' + random.nextInt(26)));
    }
    return marker.toString();
  }

  /** Waits until /health answers UP, or fails after the timeout. */
  static void awaitHealthy(Duration timeout) throws InterruptedException {
    awaitHealthy(baseUrl(), timeout);
  }

  /** Waits until the server at {@code base} answers UP on /health, or fails after the timeout. */
  static void awaitHealthy(String base, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> health = HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("server " + base + " not healthy within " + timeout);
  }

  /** The Liberty installation the build created. */
  static Path wlpDir() {
    return Path.of(System.getProperty("atlas.it.wlpDir", "target/liberty/wlp"));
  }

  static String serverName() {
    return System.getProperty("atlas.it.serverName", "atlas");
  }

  /** PUTs a YAML profile as the administrator and answers the response. */
  static HttpResponse<String> putProfile(String name, String yaml) {
    return send(HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/profiles/" + name))
        .header("Authorization", admin().authorization()).header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Polls a session through {@code client} until it is neither queued nor running (or the time is up), and answers it. */
  static JsonObject awaitSessionEnd(Client client, long id, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    JsonObject session = json(client.get("/api/sessions/" + id));
    while (java.util.List.of("queued", "running").contains(session.getString("status")) && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      session = json(client.get("/api/sessions/" + id));
    }
    return session;
  }

  /** Polls a job execution until it is COMPLETED, FAILED or STOPPED (or the time is up), and answers it. */
  static JsonObject awaitJobEnd(long executionId, java.time.Duration timeout) throws InterruptedException {
    java.time.Instant deadline = java.time.Instant.now().plus(timeout);
    JsonObject execution = json(get("/api/jobs/" + executionId));
    while (!java.util.List.of("COMPLETED", "FAILED", "STOPPED").contains(execution.getString("batchStatus"))
        && java.time.Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      execution = json(get("/api/jobs/" + executionId));
    }
    return execution;
  }
}
