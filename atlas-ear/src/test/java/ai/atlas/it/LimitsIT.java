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
  void aKeysOwnSessionsPerMinuteAreLimitedWith429AndRetryAfter() {
    Credentials busy = Server.newKey("operator");
    HttpResponse<String> set = Server.as(Server.admin()).send("PUT", "/api/keys/" + Server.keyIdOf(busy) + "/limits",
        "{\"sessions_per_minute\": 5}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(Server.json(set).getInt("sessionsPerMinute")).isEqualTo(5);

    for (int i = 0; i < 5; i++) {
      HttpResponse<String> response = Server.as(busy).send("POST", "/api/sessions/import", "{\"task\":\"burst " + i + "\"}");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
    HttpResponse<String> refused = Server.as(busy).send("POST", "/api/sessions/import", "{\"task\":\"one too many\"}");

    assertProblem(refused, 429, "at most 5 sessions per minute for this caller");
    assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    // Another key, with the server's default (no rate limit), is not held back by this one's.
    Credentials other = Server.newKey("operator");
    for (int i = 0; i < 20; i++) {
      assertThat(Server.as(other).send("POST", "/api/sessions/import", "{\"task\":\"calm " + i + "\"}").statusCode()).isEqualTo(201);
    }
    // Lifting the limit (null: the server's default) lets the busy key in again at once.
    HttpResponse<String> lifted = Server.as(Server.admin()).send("PUT", "/api/keys/" + Server.keyIdOf(busy) + "/limits",
        "{\"sessions_per_minute\": null}");
    assertThat(unset(Server.json(lifted), "sessionsPerMinute")).isTrue();
    assertThat(Server.as(busy).send("POST", "/api/sessions/import", "{\"task\":\"again\"}").statusCode()).isEqualTo(201);
  }

  @Test
  void aKeyLimitThatIsNotACountIsRefusedWith400AndNothingChanges() {
    Credentials key = Server.newKey("operator");
    String path = "/api/keys/" + Server.keyIdOf(key) + "/limits";

    assertProblem(Server.as(Server.admin()).send("PUT", path, "{\"sessions_per_minute\": -1}"), 400,
        "'sessions_per_minute' must be between 0 and 1000000, not -1");
    assertProblem(Server.as(Server.admin()).send("PUT", path, "{\"max_queued\": 2.5}"), 400,
        "'max_queued' must be a whole number or null, not 2.5");
    assertProblem(Server.as(Server.admin()).send("PUT", path, "{\"max_queued\": \"ten\"}"), 400, "'max_queued' must be a whole number");
    assertProblem(Server.as(Server.admin()).send("PUT", path, "{\"max_queued\": 99999999999999999999}"), 400,
        "'max_queued' must be between 0 and 1000000");
    assertProblem(Server.as(Server.admin()).send("PUT", "/api/keys/0000000000000000/limits", "{}"), 404, "no API key with id");
    // an operator may not set limits, not even its own
    assertThat(Server.as(key).send("PUT", path, "{\"sessions_per_minute\": 0}").statusCode()).isEqualTo(403);

    String listed = Server.as(Server.admin()).get("/api/keys").body();
    var mine = Json.createReader(new java.io.StringReader(listed)).readArray().stream().map(v -> v.asJsonObject())
        .filter(k -> k.getString("keyId").equals(Server.keyIdOf(key))).findFirst().orElseThrow();
    assertThat(unset(mine, "sessionsPerMinute")).isTrue();
    assertThat(unset(mine, "maxQueued")).isTrue();
  }

  /** A limit left to the server's default: null, which the JSON leaves out. */
  private static boolean unset(JsonObject object, String field) {
    return !object.containsKey(field) || object.isNull(field);
  }

  static void assertProblem(HttpResponse<String> response, int status, String detail) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonObject problem = Server.json(response);
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).contains(detail);
  }
}
