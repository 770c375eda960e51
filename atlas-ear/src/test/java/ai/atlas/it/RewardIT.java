package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
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

/**
 * The reward system alone over REST, with a local stand-in for a judge model's Chat Completions
 * endpoint: a response containing "42" scores 0.9, others 0.2; a response saying "maybe" gets
 * samples that disagree by temperature, which the arbiter settles at 0.5.
 */
class RewardIT {

  private static HttpServer judgeModel;
  private static String profile;

  @BeforeAll
  static void start() throws IOException {
    judgeModel = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    judgeModel.createContext("/v1/chat/completions", exchange -> {
      JsonObject request = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(),
          StandardCharsets.UTF_8))).readObject();
      String prompt = request.getJsonArray("messages").getJsonObject(0).getString("content");
      double temperature = request.containsKey("temperature") ? request.getJsonNumber("temperature").doubleValue() : 1;
      String response = prompt.contains("Response: ") ? prompt.substring(prompt.lastIndexOf("Response: ")) : "";
      double score;
      if (prompt.contains("You arbitrate")) {
        score = 0.5;
      } else if (response.contains("maybe")) {
        score = temperature < 0.3 ? 0.1 : 0.9;
      } else {
        score = response.contains("42") ? 0.9 : 0.2;
      }
      String verdict = "Here is my judgement: {\"principles\": [{\"name\": \"correct\", \"weight\": 1, \"description\": \"the right number\"}],"
          + " \"score\": " + score + ", \"rationale\": \"checked the number\", \"uncertainty\": 0.1}";
      StandIns.chatCompletion(exchange, verdict, 50, 10);
    });
    judgeModel.start();
    profile = "judge-" + UUID.randomUUID().toString().substring(0, 8);
    String yaml = """
        agent: {type: http}
        teacher:
          llm: {provider: openai, model: judge, api_base: "http://127.0.0.1:%d/v1"}
        rim:
          judges:
            - {type: accuracy, weight: 0.75}
            - {type: exact, weight: 0.25}
          temperatures: [0.2, 0.5, 0.8]
        """.formatted(judgeModel.getAddress().getPort());
    HttpResponse<String> put = Server.putProfile(profile, yaml);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    judgeModel.stop(0);
  }

  private static HttpResponse<String> evaluate(String response) {
    return Server.postJson("/api/rewards/evaluate", Json.createObjectBuilder().add("profile", profile).add("prompt", "What is 6*7?")
        .add("response", response).add("reference", "42").build().toString());
  }

  @Test
  void anEvaluationReturnsTheScoreEachJudgeAndTheTokensAndKeepsEveryCall() {
    HttpResponse<String> response = evaluate("42");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject evaluation = Server.json(response);
    assertThat(evaluation.getJsonNumber("score").doubleValue()).isCloseTo(0.75 * 0.9 + 0.25 * 1.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(evaluation.getBoolean("arbiterUsed")).isFalse();
    List<JsonObject> judges = evaluation.getJsonArray("judges").getValuesAs(JsonObject.class);
    assertThat(judges).extracting(j -> j.getString("name")).containsExactly("accuracy", "exact");
    assertThat(judges.get(0).getJsonArray("samples")).hasSize(3);
    assertThat(judges.get(0).getJsonArray("principles").getJsonObject(0).getString("name")).isEqualTo("correct");
    assertThat(judges.get(0).getJsonNumber("uncertainty").doubleValue()).isEqualTo(0.1);
    assertThat(evaluation.getJsonObject("tokens").getInt("promptTokens")).isEqualTo(150);

    List<JsonObject> calls = Server.jsonArray(Server.get("/api/rewards/evaluations/" + evaluation.getString("evaluationId")));
    assertThat(calls).extracting(c -> c.getString("kind")).containsExactly("sample", "sample", "sample", "plugin");
    assertThat(calls.get(0).getString("prompt")).contains("What is 6*7?").contains("Response: 42");
    assertThat(calls.get(0).getString("response")).contains("\"score\": 0.9");
  }

  @Test
  void disagreeingSamplesAreSettledByTheArbiter() {
    JsonObject evaluation = Server.json(evaluate("maybe 42"));

    assertThat(evaluation.getBoolean("arbiterUsed")).isTrue();
    assertThat(evaluation.getJsonArray("arbiterReasons").getString(0)).contains("accuracy: the samples disagree");
    assertThat(evaluation.getJsonArray("judges").getJsonObject(0).getJsonNumber("score").doubleValue()).isEqualTo(0.5);
    String metrics = Server.get("/metrics?scope=application").body();
    assertThat(metrics).contains("gen_ai_evaluation_result{gen_ai_evaluation_name=\"accuracy\"")
        .contains("atlas_reward_escalations_total");
  }

  @Test
  void badRequestsAreProblems() {
    LimitsIT.assertProblem(Server.postJson("/api/rewards/evaluate", "{\"profile\": \"" + profile + "\", \"response\": \"x\"}"), 400,
        "'prompt' is required");
    LimitsIT.assertProblem(Server.postJson("/api/rewards/evaluate", "{\"profile\": \"no-such-profile\", \"prompt\": \"p\", \"response\": \"x\"}"),
        404, "no-such-profile");
    LimitsIT.assertProblem(Server.postJson("/api/jobs/reward-eval", "{\"profile\": \"" + profile + "\", \"dataset\": \"../../server.xml\"}"),
        400, "'dataset' must name a file inside the datasets folder");
  }

  @Test
  void theRewardEvalJobReportsAccuracyPerCategoryAndOverall() throws IOException, InterruptedException {
    Path datasets = Files.createDirectories(Server.serverDir().resolve("datasets"));
    String name = "prefs-" + UUID.randomUUID() + ".jsonl";
    Files.writeString(datasets.resolve(name), String.join("\n",
        "{\"prompt\": \"What is 6*7?\", \"chosen\": \"42\", \"rejected\": [\"41\", \"43\", \"24\"], \"subset\": \"math\"}",
        "",
        "{\"prompt\": \"What is 6*7?\", \"chosen\": [\"It is 42\"], \"rejected\": \"It is 40\", \"category\": \"math\"}",
        "{\"prompt\": \"What is 6*7?\", \"chosen\": \"forty-two\", \"rejected\": \"42\", \"category\": \"words\"}") + "\n");

    HttpResponse<String> started = Server.postJson("/api/jobs/reward-eval",
        Json.createObjectBuilder().add("dataset", name).add("profile", profile).add("chunkSize", 2).build().toString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long id = Server.json(started).getJsonNumber("executionId").longValue();

    JsonObject execution = null;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      execution = Server.json(Server.get("/api/jobs/" + id));
      if (List.of("COMPLETED", "FAILED", "STOPPED").contains(execution.getString("batchStatus"))) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(execution.getString("batchStatus")).as(execution.toString()).isEqualTo("COMPLETED");
    assertThat(execution.getString("exitStatus")).isEqualTo("accuracy 0.667 (2 of 3 items)");
    JsonObject result = execution.getJsonObject("result");
    assertThat(result.getInt("items")).isEqualTo(3);
    assertThat(result.getJsonObject("categories").getJsonObject("math").getJsonNumber("accuracy").doubleValue()).isEqualTo(1.0);
    assertThat(result.getJsonObject("categories").getJsonObject("words").getJsonNumber("accuracy").doubleValue()).isEqualTo(0.0);
  }

  @Test
  void aPartitionedRewardEvalRunsItsPartitionsThroughTheSharedQueueAndCountsEveryItemOnce() throws Exception {
    Path datasets = Files.createDirectories(Server.serverDir().resolve("datasets"));
    String name = "prefs-" + UUID.randomUUID() + ".jsonl";
    Files.writeString(datasets.resolve(name), String.join("\n",
        "{\"prompt\": \"What is 6*7?\", \"chosen\": \"42\", \"rejected\": [\"41\", \"43\"], \"category\": \"math\"}",
        "",
        "{\"prompt\": \"What is 6*7?\", \"chosen\": [\"It is 42\"], \"rejected\": \"It is 40\", \"category\": \"math\"}",
        "{\"prompt\": \"What is 6*7?\", \"chosen\": \"forty-two\", \"rejected\": \"42\", \"category\": \"words\"}",
        "{\"prompt\": \"What is 6*7?\", \"chosen\": \"42!\", \"rejected\": \"24\", \"category\": \"math\"}") + "\n");

    HttpResponse<String> started = Server.postJson("/api/jobs/reward-eval",
        Json.createObjectBuilder().add("dataset", name).add("profile", profile).add("partitions", 3).build().toString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long id = Server.json(started).getJsonNumber("executionId").longValue();

    JsonObject execution = Server.awaitJobEnd(id, Duration.ofSeconds(120));
    assertThat(execution.getString("batchStatus")).as(execution.toString()).isEqualTo("COMPLETED");
    assertThat(execution.getString("exitStatus")).isEqualTo("accuracy 0.750 (3 of 4 items)");
    List<JsonObject> partitions = Server.jsonArray(Server.get("/api/jobs/" + id + "/partitions"));
    assertThat(partitions).hasSize(3);
    assertThat(partitions).extracting(p -> p.getString("stepName")).containsOnly("judge-partitions");
    assertThat(partitions).extracting(p -> p.getInt("partition")).containsExactly(0, 1, 2);
    assertThat(partitions).extracting(p -> p.getString("status")).containsOnly("done");
    assertThat(partitions).allSatisfy(p -> assertThat(p.getString("serverId")).isNotBlank());
    // five lines, one blank, cut into three runs of lines: every item judged exactly once
    assertThat(partitions.stream().mapToInt(p -> Json.createReader(new StringReader(p.getString("result"))).readObject().getInt("items")).sum()).isEqualTo(4);

    LimitsIT.assertProblem(Server.postJson("/api/jobs/reward-eval", Json.createObjectBuilder().add("dataset", name)
        .add("profile", profile).add("partitions", 65).build().toString()), 400, "'partitions' must be between 1 and 64");
  }

  @Test
  void aPartitionThatFailsWhereItRanFailsTheJobWithItsReason() throws Exception {
    Path datasets = Files.createDirectories(Server.serverDir().resolve("datasets"));
    String name = "prefs-" + UUID.randomUUID() + ".jsonl";
    Files.writeString(datasets.resolve(name), String.join("\n",
        "{\"prompt\": \"What is 6*7?\", \"chosen\": \"42\", \"rejected\": \"41\", \"category\": \"math\"}",
        "{\"prompt\": \"What is 6*7?\", \"chosen\": \"42\", \"category\": \"math\"}") + "\n");

    HttpResponse<String> started = Server.postJson("/api/jobs/reward-eval",
        Json.createObjectBuilder().add("dataset", name).add("profile", profile).add("partitions", 2).build().toString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long id = Server.json(started).getJsonNumber("executionId").longValue();

    JsonObject execution = Server.awaitJobEnd(id, Duration.ofSeconds(120));
    assertThat(execution.getString("batchStatus")).as(execution.toString()).isEqualTo("FAILED");
    List<JsonObject> partitions = Server.jsonArray(Server.get("/api/jobs/" + id + "/partitions"));
    assertThat(partitions).extracting(p -> p.getString("status")).containsExactly("done", "failed");
    assertThat(partitions.get(1).getString("error")).contains("line 2").contains("'rejected'");
  }
}
