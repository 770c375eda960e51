package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.it.Server.Credentials;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint × every kind of caller gets exactly the expected status: the success status for
 * the roles the endpoint allows, 403 for the other signed-in roles, 401 without credentials, with
 * a wrong password, with a revoked or unknown key or a malformed header. Each role signs in both
 * as a user (Basic) and with an API key (Bearer).
 */
class SecurityMatrixIT {

  private static final Set<String> ALL = Set.of("viewer", "reviewer", "operator", "admin");
  private static final Set<String> OPEN = Set.of("anyone");

  /** One operation of the API: how to call it, what it answers on success, and who may. */
  private record Endpoint(String method, Supplier<String> path, Supplier<String> body, int success, Set<String> roles) {}

  private static long sessionId;
  private static long finishedExecution;
  private static String throwawayKeyId;
  private static String targetUser;
  private static final String EVALUATE = "{\"profile\": \"matrix-judge\", \"prompt\": \"2+2\", \"response\": \"4\", \"reference\": \"4\"}";
  private static String evaluationId;
  private static final Map<String, List<Credentials>> SIGNED_IN = new LinkedHashMap<>();
  private static final List<Credentials> REFUSED = new ArrayList<>();

  @BeforeAll
  static void setUp() throws InterruptedException {
    sessionId = Server.importSession(Server.marker());
    finishedExecution = finishedExport();
    HttpResponse<String> key = Server.postJson("/api/keys", "{\"name\":\"throwaway\",\"role\":\"viewer\"}");
    throwawayKeyId = Server.json(key).getJsonObject("key").getString("keyId");
    targetUser = Server.newUser("viewer").label().substring("user ".length());
    // A judging profile whose only judge needs no model, and a one-item dataset for reward-eval.
    HttpResponse<String> judging = Server.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(Server.baseUrl() + "/api/profiles/matrix-judge"))
        .header("Authorization", Server.admin().authorization()).header("Content-Type", "application/yaml")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
            agent: {type: http}
            teacher: {llm: {provider: openai, model: unused, api_base: "http://127.0.0.1:9/v1"}}
            rim: {judges: [{type: exact}]}
            """)));
    assertThat(judging.statusCode()).as(judging.body()).isEqualTo(200);
    evaluationId = Server.json(Server.postJson("/api/rewards/evaluate", EVALUATE)).getString("evaluationId");
    try {
      java.nio.file.Path datasets = java.nio.file.Files.createDirectories(Server.serverDir().resolve("datasets/matrix"));
      java.nio.file.Files.writeString(datasets.resolve("one.jsonl"), "{\"prompt\": \"2+2\", \"chosen\": \"4\", \"rejected\": \"5\"}\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    for (String role : ALL) {
      SIGNED_IN.put(role, List.of(Server.newUser(role), Server.newKey(role)));
    }
    Credentials revoked = Server.newKey("admin");
    String revokedId = revoked.authorization().split("_")[1];
    assertThat(Server.as(Server.admin()).send("DELETE", "/api/keys/" + revokedId, null).statusCode()).isEqualTo(200);
    REFUSED.add(Credentials.NONE);
    REFUSED.add(new Credentials(Credentials.basic("admin", "wrong-password-123").authorization(), "admin with a wrong password"));
    REFUSED.add(new Credentials(revoked.authorization(), "revoked admin key"));
    REFUSED.add(Credentials.bearer("atlas_0123456789abcdef_" + "0".repeat(64), "unknown key"));
    REFUSED.add(new Credentials("Token abc", "malformed header"));
  }

  private static List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("GET", () -> "/health", null, 200, OPEN),
        new Endpoint("GET", () -> "/metrics", null, 200, OPEN),
        new Endpoint("GET", () -> "/openapi", null, 200, OPEN),
        new Endpoint("GET", () -> "/api/version", null, 200, ALL),
        new Endpoint("GET", () -> "/api/me", null, 200, ALL),
        new Endpoint("GET", () -> "/api/sessions", null, 200, ALL),
        new Endpoint("GET", () -> "/api/sessions/" + sessionId, null, 200, ALL),
        new Endpoint("POST", () -> "/api/sessions/import", () -> "{\"task\":\"matrix\"}", 201, Set.of("operator", "admin")),
        new Endpoint("POST", () -> "/api/sessions/" + sessionId + "/review", () -> "{\"status\":\"approved\"}", 200,
            Set.of("reviewer", "admin")),
        new Endpoint("POST", () -> "/api/sessions/" + sessionId + "/feedback", () -> "{\"kind\":\"thumbs\",\"value\":\"up\"}", 200,
            Set.of("reviewer", "admin")),
        new Endpoint("POST", () -> "/api/jobs/export", () -> "{\"output\":\"matrix/" + UUID.randomUUID() + ".jsonl\"}", 202,
            Set.of("reviewer", "admin")),
        new Endpoint("GET", () -> "/api/jobs/" + finishedExecution, null, 200, ALL),
        new Endpoint("GET", () -> "/api/export?format=trl&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z", null, 200,
            Set.of("reviewer", "admin")),
        // The execution has ended, so a permitted caller is told it is not running.
        new Endpoint("POST", () -> "/api/jobs/" + finishedExecution + "/stop", null, 409, Set.of("operator", "admin")),
        new Endpoint("GET", () -> "/api/users", null, 200, Set.of("admin")),
        new Endpoint("POST", () -> "/api/users",
            () -> "{\"username\":\"m-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"password\":\"matrix-password-1\",\"role\":\"viewer\"}",
            201, Set.of("admin")),
        new Endpoint("PUT", () -> "/api/users/" + targetUser, () -> "{\"enabled\":true}", 200, Set.of("admin")),
        new Endpoint("GET", () -> "/api/keys", null, 200, Set.of("admin")),
        new Endpoint("POST", () -> "/api/keys", () -> "{\"name\":\"matrix\",\"role\":\"viewer\"}", 201, Set.of("admin")),
        new Endpoint("DELETE", () -> "/api/keys/" + throwawayKeyId, null, 200, Set.of("admin")),
        new Endpoint("GET", () -> "/api/audit", null, 200, Set.of("admin")),
        new Endpoint("GET", () -> "/api/plugins", null, 200, ALL),
        new Endpoint("GET", () -> "/api/profiles", null, 200, ALL),
        new Endpoint("GET", () -> "/api/playbooks", null, 200, ALL),
        new Endpoint("GET", () -> "/api/profiles/example-http-agent", null, 200, ALL),
        new Endpoint("PUT", () -> "/api/profiles/matrix", () -> "{\"agent\": {\"type\": \"http\"}, \"teacher\": {\"llm\": {\"provider\": \"openai\", \"model\": \"m\"}}}",
            200, Set.of("admin")),
        new Endpoint("POST", () -> "/api/plugins/rescan", null, 200, Set.of("admin")),
        new Endpoint("POST", () -> "/api/rewards/evaluate", () -> EVALUATE, 200, Set.of("operator", "admin")),
        new Endpoint("GET", () -> "/api/jobs/" + finishedExecution + "/metrics", null, 200, ALL),
        new Endpoint("POST", () -> "/api/jobs/" + finishedExecution + "/restart", null, 409, Set.of("operator", "admin")),
        new Endpoint("GET", () -> "/api/rewards/evaluations/" + evaluationId, null, 200, Set.of("reviewer", "admin")),
        new Endpoint("POST", () -> "/api/jobs/reward-eval", () -> "{\"dataset\": \"matrix/one.jsonl\", \"profile\": \"matrix-judge\"}",
            202, Set.of("operator", "admin")),
        new Endpoint("GET", () -> "/api/models", null, 200, ALL),
        new Endpoint("GET", () -> "/api/jobs", null, 200, ALL),
        new Endpoint("GET", () -> "/api/jobs/definitions", null, 200, ALL),
        new Endpoint("GET", () -> "/api/jobs/" + finishedExecution + "/log", null, 200, ALL),
        new Endpoint("DELETE", () -> "/api/jobs/instances/987654321", null, 404, Set.of("operator", "admin")),
        new Endpoint("GET", () -> "/api/learning", null, 200, ALL),
        new Endpoint("GET", () -> "/console/", null, 200, OPEN),
        new Endpoint("POST", () -> "/api/jobs/gepa", () -> "{\"profile\": \"matrix-judge\"}", 400, Set.of("operator", "admin")),
        new Endpoint("POST", () -> "/api/jobs/pipeline", () -> "{\"profile\": \"matrix-judge\"}", 400, Set.of("operator", "admin")),
        new Endpoint("GET", () -> "/api/jobs/" + finishedExecution + "/optimized_prompts.json", null, 404, ALL),
        new Endpoint("GET", () -> "/api/profiles/matrix-judge/prompt-versions", null, 200, ALL),
        new Endpoint("POST", () -> "/api/profiles/matrix-judge/prompt-versions", () -> "{}", 400, Set.of("admin")),
        new Endpoint("POST", () -> "/api/profiles/matrix-judge/prompt-versions/0/activate", null, 200, Set.of("admin")),
        // allowed callers get as far as the request's check (no such dataset): 400
        new Endpoint("POST", () -> "/api/jobs/grpo", () -> "{\"dataset\": \"matrix/none.jsonl\", \"base\": \"demo-arithmetic\","
            + " \"output\": \"matrix-grpo\"}", 400, Set.of("operator", "admin")));
  }

  @TestFactory
  Stream<DynamicTest> everyEndpointAnswersEveryCallerAsExpected() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Endpoint endpoint : endpoints()) {
      String name = endpoint.method() + " " + endpoint.path().get().replaceAll("[0-9a-f]{16}|[0-9]+", "{id}");
      SIGNED_IN.forEach((role, credentials) -> credentials.forEach(c -> {
        int expected = endpoint.roles() == OPEN || endpoint.roles().contains(role) ? endpoint.success() : 403;
        tests.add(DynamicTest.dynamicTest(name + " as " + c + " → " + expected, () -> check(endpoint, c, expected)));
      }));
      for (Credentials c : REFUSED) {
        int expected = endpoint.roles() == OPEN ? endpoint.success() : 401;
        tests.add(DynamicTest.dynamicTest(name + " with " + c + " → " + expected, () -> check(endpoint, c, expected)));
      }
    }
    return tests.stream();
  }

  private static void check(Endpoint endpoint, Credentials credentials, int expected) {
    HttpResponse<String> response = Server.as(credentials)
        .send(endpoint.method(), endpoint.path().get(), endpoint.body() == null ? null : endpoint.body().get());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    if (expected == 401 || expected == 403) {
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      JsonObject problem = Server.json(response);
      assertThat(problem.getInt("status")).isEqualTo(expected);
      assertThat(problem.getString("detail")).isNotBlank();
    }
    if (expected == 401) {
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("Basic").contains("Bearer"));
    }
  }

  private static long finishedExport() throws InterruptedException {
    HttpResponse<String> started = Server.postJson("/api/jobs/export", "{\"output\":\"matrix/setup-" + UUID.randomUUID() + ".jsonl\"}");
    long id = Server.json(started).getJsonNumber("executionId").longValue();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      String status = Server.json(Server.get("/api/jobs/" + id)).getString("batchStatus");
      if (status.equals("COMPLETED") || status.equals("FAILED")) {
        return id;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("export " + id + " did not end");
  }
}
