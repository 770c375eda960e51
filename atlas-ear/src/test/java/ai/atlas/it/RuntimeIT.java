package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions run by the server with real plugins: the process-agent plugin drives a small agent
 * program (a Java single-file program run by this JDK), the openai plugin reaches a local
 * stand-in for the teacher's Chat Completions endpoint, and the judges plugin scores the answer.
 */
class RuntimeIT {

  private static final String AGENT = """
      import java.io.*;
      import java.util.regex.*;
      public class EchoAgent {
        public static void main(String[] args) throws Exception {
          BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
          Pattern id = Pattern.compile("\\"id\\":(\\\\d+)");
          String line;
          while ((line = in.readLine()) != null) {
            Matcher i = id.matcher(line); i.find();
            boolean guided = !line.contains("\\"guidance\\":null");
            String answer = guided ? "echo: corrected" : "echo: first try";
            System.out.println("{\\"id\\":" + i.group(1) + ",\\"answer\\":\\"" + answer + "\\",\\"usage\\":{\\"prompt_tokens\\":4,\\"completion_tokens\\":2}}");
            System.out.flush();
          }
        }
      }
      """;

  @TempDir static Path dir;
  private static HttpServer teacher;
  private static String profile;
  private static String javaAgent;

  /** The teacher rejects a first try once, with guidance; everything else is valid. */
  @BeforeAll
  static void start() throws IOException {
    teacher = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    teacher.createContext("/v1/chat/completions", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String verdict = body.contains("Answer: echo: first try")
          ? "{\"valid\": false, \"guidance\": \"try harder\"}" : "{\"valid\": true}";
      if (body.contains("distil at most three reusable hints")) {
        verdict = "{\"entries\": [{\"cue\": \"an arithmetic question\", "
            + "\"action\": \"state the operation before the result\", \"expected_effect\": \"no retry\"}]}";
      }
      StandIns.chatCompletion(exchange, verdict, 9, 3);
    });
    teacher.start();
    Path agent = Files.writeString(dir.resolve("EchoAgent.java"), AGENT);
    String java = ProcessHandle.current().info().command().orElse("java");
    profile = "runtime-" + UUID.randomUUID().toString().substring(0, 8);
    javaAgent = java + " " + agent;
    put(profile, javaAgent);
  }

  @AfterAll
  static void stop() {
    teacher.stop(0);
  }

  private static void put(String name, String command) {
    put(name, command, "");
  }

  private static void put(String name, String command, String extra) {
    put(name, command, "", "", extra);
  }

  /** {@code orchestration} and {@code rim}: more lines of those blocks, each indented by two spaces. */
  private static void put(String name, String command, String orchestration, String rim, String extra) {
    String yaml = """
        agent:
          type: process
          settings: {command: "%s", timeout-seconds: 60}
        teacher:
          llm: {provider: openai, model: teacher, api_base: "http://127.0.0.1:%d/v1", timeout_seconds: 10}
        orchestration:
          max_retries: 1
        %s
        rim:
          judges:
            - {type: regex, weight: 1.0, settings: {pattern: "corrected"}}
        %s
        learning:
          enabled: true
          playbook_max_chars: 500
        """.formatted(command, teacher.getAddress().getPort(), orchestration, rim) + extra;
    HttpResponse<String> put = Server.send(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/api/profiles/" + name))
        .header("Authorization", Server.admin().authorization())
        .header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
  }

  private static HttpResponse<String> run(String profileName, String lane, boolean wait) {
    JsonObject body = Json.createObjectBuilder().add("profile", profileName).add("task", "What is 6*7? " + Server.marker())
        .add("lane", lane).build();
    return Server.postJson("/api/sessions" + (wait ? "?wait=true" : ""), body.toString());
  }

  @Test
  void aPairedSessionRetriesWithTheTeachersGuidanceAndIsScored() {
    HttpResponse<String> response = run(profile, "paired", true);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject session = Server.json(response);
    assertThat(session.getString("status")).isEqualTo("succeeded");
    assertThat(session.getString("executionMode")).isEqualTo("paired");
    assertThat(session.getString("finalAnswer")).isEqualTo("echo: corrected");
    assertThat(session.getJsonNumber("sessionReward").doubleValue()).isEqualTo(1.0);
    assertThat(session.getString("learningKey")).hasSize(32);
    List<String> events = session.getJsonArray("events").getValuesAs(JsonObject.class).stream().map(e -> e.getString("type")).toList();
    assertThat(events).containsSubsequence("lane.chosen", "student.call", "teacher.call", "validation", "student.call",
        "teacher.call", "validation", "session.finished", "judgement");
    // two student calls, two teacher validations and the teacher's playbook synthesis: every model call counts
    assertThat(session.getJsonObject("tokenUsage").getJsonNumber("promptTokens").longValue()).isEqualTo(2 * 4 + 2 * 9 + 9);
    assertThat(session.getJsonObject("tokenUsage").getJsonNumber("completionTokens").longValue()).isEqualTo(2 * 2 + 2 * 3 + 3);
    JsonObject step = session.getJsonArray("steps").getJsonObject(0);
    assertThat(step.getJsonArray("attempts").getValuesAs(JsonObject.class))
        .extracting(a -> a.getString("output"), a -> a.getString("guidance", null), a -> a.getBoolean("valid"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("echo: first try", null, false),
            org.assertj.core.groups.Tuple.tuple("echo: corrected", "try harder", true));
    assertThat(session.getString("reviewStatus")).isEqualTo("pending");

    JsonObject listed = Server.json(Server.get("/api/sessions?profile=" + profile + "&status=succeeded&minReward=1&size=200"));
    assertThat(listed.getJsonArray("items").getValuesAs(JsonObject.class))
        .anySatisfy(s -> assertThat(s.getJsonNumber("id").longValue()).isEqualTo(session.getJsonNumber("id").longValue()))
        .allSatisfy(s -> assertThat(s.getString("profile")).isEqualTo(profile));
    LimitsIT.assertProblem(Server.get("/api/sessions?from=yesterday"), 400, "'from' must be an ISO-8601 instant");
  }

  @Test
  void aSessionTeachesThePlaybookAndTheNextSessionOfItsKeyCarriesIt() {
    String task = "What is 7*8? " + Server.marker();
    JsonObject first = Server.json(Server.postJson("/api/sessions?wait=true",
        Json.createObjectBuilder().add("profile", profile).add("task", task).add("lane", "paired").build().toString()));
    assertThat(first.toString()).contains("\"type\":\"playbook.learned\"");
    String key = first.getString("learningKey");

    List<JsonObject> entries = Server.jsonArray(Server.get("/api/playbooks?learningKey=" + key));
    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.getString("cue")).isEqualTo("an arithmetic question");
      assertThat(e.getString("status")).isEqualTo("provisional");
    });

    JsonObject second = Server.json(Server.postJson("/api/sessions?wait=true",
        Json.createObjectBuilder().add("profile", profile).add("task", task).add("lane", "paired").build().toString()));
    assertThat(second.getString("learningKey")).isEqualTo(key);
    assertThat(second.toString()).contains("\"type\":\"playbook.injected\"");
    assertThat(Server.jsonArray(Server.get("/api/playbooks?learningKey=" + key)).get(0).getInt("uses")).isEqualTo(1);
  }

  @Test
  void withoutACallersKeyTasksOfOneKindShareTheirPlaybookAndItsImpactIsMeasured() {
    String marker = Server.marker(); // letters only: part of the kind, so this test's sessions have a key of their own
    JsonObject first = Server.json(Server.postJson("/api/sessions?wait=true", Json.createObjectBuilder().add("profile", profile)
        .add("task", "What is 7*8? " + marker).add("lane", "paired").build().toString()));
    assertThat(first.toString()).contains("\"type\":\"playbook.learned\"");
    String key = first.getString("learningKey");

    // the same kind of task with other values: the same default key, so the entry learned above is carried
    JsonObject second = Server.json(Server.postJson("/api/sessions?wait=true", Json.createObjectBuilder().add("profile", profile)
        .add("task", "What is 12*30? " + marker).add("lane", "paired").build().toString()));
    assertThat(second.getString("learningKey")).isEqualTo(key);
    assertThat(second.toString()).contains("\"type\":\"playbook.injected\"");
    assertTheEntryOfTheFirstWasMeasuredOnTheSecond(key, first, second);

    // a task that says something else is another kind, with a key and playbook of its own
    JsonObject other = Server.json(Server.postJson("/api/sessions?wait=true", Json.createObjectBuilder().add("profile", profile)
        .add("task", "Name the capital of France " + marker).add("lane", "paired").build().toString()));
    assertThat(other.getString("learningKey")).isNotEqualTo(key);
    assertThat(other.toString()).doesNotContain("\"type\":\"playbook.injected\"");
  }

  @Test
  void aPlaybookLearnedOnOneTaskReachesADifferentTaskOfTheCallersKeyAndItsImpactIsMeasured() {
    String key = "arithmetic/" + Server.marker();
    JsonObject metadata = Json.createObjectBuilder().add("learning_key", key).build();
    JsonObject first = Server.json(Server.postJson("/api/sessions?wait=true", Json.createObjectBuilder().add("profile", profile)
        .add("task", "What is 7*8?").add("lane", "paired").add("metadata", metadata).build().toString()));
    assertThat(first.getString("learningKey")).isEqualTo(key);
    assertThat(first.toString()).contains("\"type\":\"playbook.learned\"");

    JsonObject second = Server.json(Server.postJson("/api/sessions?wait=true", Json.createObjectBuilder().add("profile", profile)
        .add("task", "A different question: what is 12 + 30?").add("lane", "paired").add("metadata", metadata).build().toString()));
    assertThat(second.getString("learningKey")).isEqualTo(key);
    assertThat(second.toString()).contains("\"type\":\"playbook.injected\"");

    assertTheEntryOfTheFirstWasMeasuredOnTheSecond(key, first, second);

    // a key that is not a name is refused before anything runs
    LimitsIT.assertProblem(Server.postJson("/api/sessions?wait=true", Json.createObjectBuilder().add("profile", profile)
        .add("task", "What is 1+1?").add("metadata", Json.createObjectBuilder().add("learning_key", "two words")).build().toString()),
        400, "'learning_key'");
  }

  /**
   * The key's one entry, learned by {@code first} and carried by {@code second}: one use, and of the
   * key's two scored sessions one had it, so adoption 0.5, delta the second's reward against the first's.
   */
  private static void assertTheEntryOfTheFirstWasMeasuredOnTheSecond(String key, JsonObject first, JsonObject second) {
    JsonObject entry = Server.jsonArray(Server.get("/api/playbooks?learningKey=" + key)).get(0);
    assertThat(entry.getInt("uses")).isEqualTo(1);
    assertThat(entry.getJsonNumber("adoption").doubleValue()).isEqualTo(0.5);
    double delta = second.getJsonNumber("sessionReward").doubleValue() - first.getJsonNumber("sessionReward").doubleValue();
    assertThat(entry.getJsonNumber("rewardDelta").doubleValue()).isCloseTo(delta, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(entry.getJsonNumber("impact").doubleValue()).isCloseTo(0.5 * delta, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aProfilesReviewRuleApprovesSessionsAndADriftingRewardSendsOneBackToPending() {
    String approving = profile + "-approving";
    String java = ProcessHandle.current().info().command().orElse("java");
    put(approving, java + " " + dir.resolve("EchoAgent.java"), "review: {auto_approve: true, min_reward: 0.9}\n");
    String task = "What is 2*21? " + Server.marker();
    java.util.function.Function<String, JsonObject> session = lane -> Server.json(Server.postJson("/api/sessions?wait=true",
        Json.createObjectBuilder().add("profile", approving).add("task", task).add("lane", lane).build().toString()));

    JsonObject first = session.apply("paired");
    assertThat(first.getString("reviewStatus")).isEqualTo("approved");
    assertThat(first.getJsonArray("reviewHistory").getValuesAs(JsonObject.class)).singleElement().satisfies(d -> {
      assertThat(d.getString("actor")).isEqualTo("atlas");
      assertThat(d.getString("note")).contains("reward 1.000 >= 0.900");
    });
    for (int i = 0; i < 4; i++) {
      assertThat(session.apply("paired").getJsonNumber("sessionReward").doubleValue()).isEqualTo(1.0);
    }

    // The auto lane skips the teacher's correction: reward 0 after five sessions of 1.
    JsonObject drifting = session.apply("auto");
    assertThat(drifting.getJsonNumber("sessionReward").doubleValue()).isZero();
    assertThat(drifting.getString("reviewStatus")).isEqualTo("pending");
    assertThat(drifting.getJsonNumber("driftScore").doubleValue()).isGreaterThanOrEqualTo(3.0);
    assertThat(drifting.getJsonArray("reviewHistory").getValuesAs(JsonObject.class)).singleElement()
        .satisfies(d -> assertThat(d.getString("note")).contains("far from this learning key's history"));
    assertThat(drifting.toString()).contains("\"type\":\"drift\"");

    String metrics = Server.get("/metrics?scope=application").body();
    assertThat(metrics).containsPattern("atlas_sessions_drift_total\\{[^}]*profile=\"" + approving + "\"[^}]*\\} 1")
        .containsPattern("atlas_sessions_total\\{[^}]*profile=\"" + approving + "\"[^}]*status=\"succeeded\"[^}]*\\} 6")
        .containsPattern("atlas_session_tokens_total\\{[^}]*profile=\"" + approving + "\"")
        .contains("gen_ai_client_token_usage").contains("gen_ai_client_operation_duration_seconds");
  }

  @Test
  void aCoachedSessionRunsItsPlanStepByStep() {
    HttpResponse<String> response = run(profile, "coach", true);

    JsonObject session = Server.json(response);
    assertThat(session.getString("status")).as(response.body()).isEqualTo("succeeded");
    assertThat(session.getString("executionMode")).isEqualTo("coach");
    assertThat(session.getJsonArray("steps")).isNotEmpty();
    assertThat(response.body()).contains("\"type\":\"plan\"");
    assertThat(session.getJsonArray("plan")).isNotEmpty();
  }

  @Test
  void withoutWaitingTheSessionIsAcceptedAndFinishesInTheBackground() throws InterruptedException {
    HttpResponse<String> accepted = run(profile, "auto", false);

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String location = accepted.headers().firstValue("Location").orElseThrow();
    long id = Server.json(accepted).getJsonNumber("id").longValue();
    assertThat(location).endsWith("/api/sessions/" + id);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    String status = "queued";
    while ((status.equals("queued") || status.equals("running")) && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      status = Server.json(Server.get("/api/sessions/" + id)).getString("status");
    }
    assertThat(status).isEqualTo("succeeded");
  }

  @Test
  void theEventsStreamAsServerSentEventsWhileTheSessionRunsAndReplayAfter() {
    HttpResponse<String> accepted = run(profile, "paired", false);
    long id = Server.json(accepted).getJsonNumber("id").longValue();
    URI events = URI.create(Server.baseUrl() + "/api/sessions/" + id + "/events");

    HttpResponse<String> live = Server.send(HttpRequest.newBuilder(events)
        .headers("Authorization", Server.admin().authorization(), "Accept", "text/event-stream")
        .timeout(Duration.ofSeconds(60)).GET());

    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    List<String> names = live.body().lines().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).strip()).toList();
    assertThat(names).containsSubsequence("triage", "lane.chosen", "student.call", "validation", "session.finished", "end");
    assertThat(live.body()).contains("data: {\"status\":\"succeeded\"}");

    // After the end, the same stream replays the stored events; Last-Event-ID resumes after one.
    HttpResponse<String> resumed = Server.send(HttpRequest.newBuilder(events)
        .headers("Authorization", Server.admin().authorization(), "Accept", "text/event-stream", "Last-Event-ID", "0")
        .timeout(Duration.ofSeconds(60)).GET());
    List<String> replayed = resumed.body().lines().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).strip()).toList();
    assertThat(replayed).doesNotContain("triage").contains("lane.chosen").endsWith("end");
  }

  @Test
  void aProfileWithoutIntermediateStepsStreamsOnlyTheOutlineButStoresTheWholeTrace() {
    String quiet = "quiet-" + UUID.randomUUID().toString().substring(0, 8);
    put(quiet, javaAgent, "  emit_intermediate_steps: false", "", "");
    long id = Server.json(run(quiet, "paired", true)).getJsonNumber("id").longValue();

    HttpResponse<String> stream = Server.send(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/api/sessions/" + id + "/events"))
        .headers("Authorization", Server.admin().authorization(), "Accept", "text/event-stream")
        .timeout(Duration.ofSeconds(60)).GET());

    List<String> names = stream.body().lines().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).strip()).toList();
    assertThat(names).containsSubsequence("triage", "lane.chosen", "session.finished", "judgement", "end")
        .doesNotContain("student.call", "teacher.call", "validation");
    List<String> stored = Server.json(Server.get("/api/sessions/" + id)).getJsonArray("events").getValuesAs(JsonObject.class).stream()
        .map(e -> e.getString("type")).toList();
    assertThat(stored).contains("student.call", "teacher.call", "validation");
  }

  @Test
  void aSessionScoredUnderTheRetryThresholdGetsOneMoreGuidedAttempt() {
    String retrying = "retrying-" + UUID.randomUUID().toString().substring(0, 8);
    put(retrying, javaAgent, "", "  retry_threshold: 0.5", "");

    // alone, the agent answers "first try", which the judge scores 0; the retry is guided, and scores 1
    JsonObject session = Server.json(run(retrying, "auto", true));

    assertThat(session.getString("finalAnswer")).isEqualTo("echo: corrected");
    assertThat(session.getJsonNumber("sessionReward").doubleValue()).isEqualTo(1.0);
    List<JsonObject> events = session.getJsonArray("events").getValuesAs(JsonObject.class);
    JsonObject retry = events.stream().filter(e -> e.getString("type").equals("reward.retry")).findFirst().orElseThrow()
        .getJsonObject("payload");
    assertThat(retry.getJsonNumber("first_reward").doubleValue()).isEqualTo(0.0);
    assertThat(retry.getJsonNumber("retry_reward").doubleValue()).isEqualTo(1.0);
    assertThat(retry.getString("kept")).isEqualTo("retry");
    // the first answer, the teacher's guidance, the guided answer: each call counted
    assertThat(session.getJsonObject("tokenUsage").getJsonNumber("promptTokens").longValue()).isGreaterThanOrEqualTo(2 * 4 + 9);
  }

  @Test
  void anAtlasSdkPythonAgentRunsThroughTheServer() throws IOException, InterruptedException {
    boolean python;
    try {
      python = new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      python = false;
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(python, "no python3 on this machine");
    Path modules = Files.createDirectories(dir.resolve("py"));
    Files.writeString(modules.resolve("support_agent.py"), """
        def run_agent(prompt, metadata):
            return "echo: corrected" if "Guidance:" in prompt else "echo: first try"
        """);
    String name = "python-" + UUID.randomUUID().toString().substring(0, 8);
    String yaml = """
        agent: {type: python, name: support, system_prompt: "Answer.", import_path: support_agent, attribute: run_agent,
                working_directory: "%s"}
        teacher:
          llm: {provider: openai, model: teacher, api_base: "http://127.0.0.1:%d/v1", timeout_seconds: 10}
        rim:
          judges:
            - {type: regex, weight: 1.0, settings: {pattern: "corrected"}}
        """.formatted(modules.toString().replace("\\", "/"), teacher.getAddress().getPort());
    HttpResponse<String> put = Server.send(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/api/profiles/" + name))
        .header("Authorization", Server.admin().authorization()).header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    // the teacher rejects "first try" with guidance; the callable sees the guidance in its prompt
    JsonObject session = Server.json(Server.postJson("/api/sessions?wait=true", Json.createObjectBuilder().add("profile", name)
        .add("task", "Answer " + Server.marker()).add("lane", "paired").build().toString()));

    assertThat(session.getString("status")).as(session.toString()).isEqualTo("succeeded");
    assertThat(session.getString("finalAnswer")).isEqualTo("echo: corrected");
    assertThat(session.getJsonNumber("sessionReward").doubleValue()).isEqualTo(1.0);
  }

  @Test
  void aFailingAdapterEndsTheSessionAsFailedAndTheServerGoesOn() {
    String broken = "broken-" + UUID.randomUUID().toString().substring(0, 8);
    put(broken, "/no/such/agent-program");

    JsonObject session = Server.json(run(broken, "paired", true));

    assertThat(session.getString("status")).isEqualTo("failed");
    assertThat(session.getString("finalAnswer")).contains("cannot start the agent process");
    assertThat(Server.as(Server.Credentials.NONE).get("/health").body()).contains("\"UP\"");
  }

  @Test
  void anEscalatedSessionGetsTheTeachersGuidanceBeforeEveryStep() {
    HttpResponse<String> response = run(profile, "escalate", true);

    JsonObject session = Server.json(response);
    assertThat(session.getString("status")).as(response.body()).isEqualTo("succeeded");
    assertThat(session.getString("executionMode")).isEqualTo("escalate");
    // the guidance given before the step reached the agent, which answered the guided way at once
    JsonObject step = session.getJsonArray("steps").getJsonObject(0);
    assertThat(step.getJsonArray("attempts").getJsonObject(0).getString("output")).isEqualTo("echo: corrected");
    assertThat(response.body()).contains("\"purpose\":\"guidance\"");
  }

  @Test
  void aProfileWhoseJudgeCannotBeMadeIsRefusedBeforeTheSessionStarts() {
    String judgeless = profile + "-badjudge";
    String yaml = """
        agent: {type: http, settings: {url: "http://127.0.0.1:9/agent"}}
        teacher: {llm: {provider: openai, model: m, api_base: "http://127.0.0.1:9/v1"}}
        rim: {judges: [{type: no-such-judge}]}
        """;
    HttpResponse<String> put = Server.send(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/api/profiles/" + judgeless))
        .header("Authorization", Server.admin().authorization()).header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    LimitsIT.assertProblem(run(judgeless, "auto", true), 400, "no-such-judge");
  }

  @Test
  void unknownProfilesAndUnrunnableOnesAreClearErrors() {
    LimitsIT.assertProblem(run("no-such-profile", "auto", true), 404, "no profile named 'no-such-profile'");
    LimitsIT.assertProblem(Server.postJson("/api/sessions", "{\"profile\": \"" + profile + "\", \"task\": \"t\", \"lane\": \"solo\"}"),
        400, "'lane' must be one of auto, paired, coach, escalate");
  }
}
