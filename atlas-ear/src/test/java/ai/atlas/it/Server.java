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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The server under test, reached over real HTTP. */
final class Server {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Server() {}

  static String baseUrl() {
    return System.getProperty("atlas.it.baseUrl", "http://localhost:9080");
  }

  static HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
  }

  static HttpResponse<String> postJson(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  static JsonObject json(HttpResponse<String> response) {
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readObject();
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

  static String marker() {
    return "it-" + UUID.randomUUID();
  }

  /** Waits until /health answers UP, or fails after the timeout. */
  static void awaitHealthy(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> health = HTTP.send(
            HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("server not healthy within " + timeout);
  }

  /** The Liberty installation the build created. */
  static Path wlpDir() {
    return Path.of(System.getProperty("atlas.it.wlpDir", "target/liberty/wlp"));
  }

  static String serverName() {
    return System.getProperty("atlas.it.serverName", "atlas");
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
