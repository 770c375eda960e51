package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.tasks.ArithmeticTasks;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grpo job on the demo task family, from the demo model the server ships: a run to the end
 * writes a model with its metrics; a run that fails at a chosen chunk (a bad dataset line, fixed
 * before the restart) and is restarted ends with exactly the weights of the uninterrupted run.
 */
class GrpoJobIT {

  private static final int PROMPTS_PER_STEP = 2;
  private static final int STEPS = 4;
  private static final int SEED = 11;

  private static String run;
  private static List<String> lines;

  @BeforeAll
  static void prepare() throws IOException {
    run = "grpo-" + UUID.randomUUID().toString().substring(0, 8);
    lines = ArithmeticTasks.generate(ArithmeticTasks.Split.TRAIN, 1, 12, 5).stream()
        .map(t -> Json.createObjectBuilder().add("prompt", t.question()).add("answer", t.answer()).build().toString()).toList();
    write(run + ".jsonl", lines);
  }

  private static void write(String name, List<String> content) throws IOException {
    Files.createDirectories(Server.serverDir().resolve("datasets"));
    Files.write(Server.serverDir().resolve("datasets").resolve(name), content);
  }

  private static long start(String dataset, String output) {
    HttpResponse<String> started = Server.postJson("/api/jobs/grpo", Json.createObjectBuilder().add("dataset", dataset)
        .add("base", "demo-arithmetic").add("output", run + "/" + output).add("promptsPerStep", PROMPTS_PER_STEP)
        .add("maxSteps", STEPS).add("numGenerations", 4).add("maxCompletionLength", 6).add("learningRate", 1e-4)
        .add("beta", 0.04).add("iterations", 2).add("epsilonHigh", 0.28).add("refSyncSteps", 2).add("microBatch", 3)
        .add("partialCredit", 0.5).add("seed", SEED).build().toString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    return Server.json(started).getJsonNumber("executionId").longValue();
  }

  private static JsonObject waitFor(long id) throws InterruptedException {
    return Server.awaitJobEnd(id, Duration.ofSeconds(240));
  }

  @Test
  void aRunFailedAtAChosenChunkAndRestartedEndsWithTheWeightsOfAnUninterruptedRun() throws Exception {
    long straight = start(run + ".jsonl", "straight");
    JsonObject done = waitFor(straight);
    assertThat(done.getString("batchStatus")).as(done.toString()).isEqualTo("COMPLETED");
    JsonObject result = done.getJsonObject("result");
    assertThat(result.getInt("steps")).isEqualTo(STEPS);
    assertThat(result.getString("reward")).isEqualTo("verifiable");
    JsonObject last = done.getJsonObject("lastTrainingStep");
    assertThat(last.getInt("step")).isEqualTo(STEPS - 1);
    List<JsonObject> metrics = Server.jsonArray(Server.get("/api/jobs/" + straight + "/metrics"));
    assertThat(metrics).hasSize(STEPS).allSatisfy(m -> {
      JsonObject grpo = m.getJsonObject("grpo");
      assertThat(grpo.getJsonNumber("rewardMean").doubleValue()).isBetween(0.0, 1.0);
      assertThat(grpo.getJsonNumber("completionLength").doubleValue()).isBetween(1.0, 7.0);
      assertThat(grpo.getJsonNumber("entropy").doubleValue()).isPositive();
      assertThat(grpo.getJsonNumber("kl").doubleValue()).isGreaterThanOrEqualTo(0.0);
      assertThat(grpo.getJsonNumber("samplingMs").doubleValue()).isPositive();
      assertThat(grpo.containsKey("improvementRate")).as("only the teaching reward has a baseline").isFalse();
    });
    // the reference starts as the policy: the first step's KL is that of its second iteration only
    assertThat(metrics.get(0).getJsonObject("grpo").getJsonNumber("kl").doubleValue()).isLessThan(1e-3);
    assertThat(metrics.get(STEPS - 1).getJsonObject("grpo").getJsonNumber("kl").doubleValue()).isPositive();
    assertThat(Server.get("/metrics?scope=application").body()).contains("atlas_grpo_reward_mean{job=\"grpo\"")
        .contains("atlas_grpo_kl{job=\"grpo\"").contains("atlas_training_step{job=\"grpo\"");
    Path output = Server.serverDir().resolve("models").resolve(run).resolve("straight");
    assertThat(Checkpoint.load(output).config().numLayers()).isEqualTo(4);
    assertThat(Files.readString(output.resolve("training.json"))).contains("\"job\":\"grpo\"").contains("\"steps\":" + STEPS);
    JsonObject registered = Server.jsonArray(Server.get("/api/models")).stream()
        .filter(m -> m.getString("name").equals(run + "/straight")).findFirst().orElseThrow();
    assertThat(registered.getJsonObject("training").getString("job")).isEqualTo("grpo");
    assertThat(registered.getInt("layers")).isEqualTo(4);
    assertThat(Server.jsonArray(Server.get("/api/models"))).extracting(m -> m.getString("name")).contains("demo-arithmetic")
        .noneMatch(name -> name.startsWith(".work"));
    assertThat(Files.readAllBytes(output.resolve("model.safetensors"))).isNotEqualTo(Files.readAllBytes(
        Server.serverDir().resolve("models").resolve("demo-arithmetic").resolve("model.safetensors")));

    // the same dataset with the first line of the third step's batch broken: the job fails at that chunk
    List<Integer> order = ai.atlas.batch.train.JsonlBatchReader.epochOrder(lines.size(), SEED, 0);
    List<String> broken = new ArrayList<>(lines);
    broken.set(order.get(2 * PROMPTS_PER_STEP), "{\"prompt\": ");
    write(run + "-broken.jsonl", broken);
    long failing = start(run + "-broken.jsonl", "restarted");
    JsonObject failed = waitFor(failing);
    assertThat(failed.getString("batchStatus")).as(failed.toString()).isEqualTo("FAILED");
    assertThat(Server.jsonArray(Server.get("/api/jobs/" + failing + "/metrics"))).hasSize(2);

    write(run + "-broken.jsonl", lines); // the operator fixes the line, and restarts
    HttpResponse<String> restart = Server.postJson("/api/jobs/" + failing + "/restart", "");
    assertThat(restart.statusCode()).as(restart.body()).isEqualTo(202);
    long second = Server.json(restart).getJsonNumber("executionId").longValue();
    JsonObject restarted = waitFor(second);
    assertThat(restarted.getString("batchStatus")).as(restarted.toString()).isEqualTo("COMPLETED");
    assertThat(Server.jsonArray(Server.get("/api/jobs/" + second + "/metrics"))).hasSize(STEPS);
    assertThat(Files.readAllBytes(Server.serverDir().resolve("models").resolve(run).resolve("restarted").resolve("model.safetensors")))
        .isEqualTo(Files.readAllBytes(output.resolve("model.safetensors")));
  }

  @Test
  void approvedSessionsAreExportedAndTrainedOn() throws Exception {
    String marker = Server.marker();
    long first = Server.importSession(marker + " Ann has 3 apples and gets 4 more. How many apples does Ann have now?");
    Server.postJson("/api/sessions/" + first + "/review", "{\"status\":\"approved\"}");
    HttpResponse<String> started = Server.postJson("/api/jobs/grpo", Json.createObjectBuilder().add("source", "sessions")
        .add("base", "demo-arithmetic").add("output", run + "/from-sessions").add("promptsPerStep", 2).add("maxSteps", 1)
        .add("numGenerations", 2).add("maxCompletionLength", 4).build().toString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long id = Server.json(started).getJsonNumber("executionId").longValue();
    JsonObject done = waitFor(id);
    assertThat(done.getString("batchStatus")).as(done.toString()).isEqualTo("COMPLETED");
    assertThat(done.getJsonArray("steps").getValuesAs(JsonObject.class)).extracting(s -> s.getString("name"))
        .containsExactly("source", "export-prompts", "train", "save");
    Path dataset = Path.of(done.getJsonObject("parameters").getString("dataset"));
    assertThat(Files.readString(dataset)).contains(marker);
    assertThat(Server.jsonArray(Server.get("/api/jobs/" + id + "/metrics"))).hasSize(1);
  }

  @Test
  void theTeachingRewardHasTheProfilesAgentAnswerWithoutAndWithEachCompletionAsGuidance() throws Exception {
    HttpResponse<String> started = Server.postJson("/api/jobs/grpo", Json.createObjectBuilder().add("dataset", run + ".jsonl")
        .add("base", "demo-arithmetic").add("output", run + "/teaching").add("reward", "teaching").add("profile", "demo-arithmetic")
        .add("promptsPerStep", 2).add("maxSteps", 1).add("numGenerations", 2).add("maxCompletionLength", 4).build().toString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long id = Server.json(started).getJsonNumber("executionId").longValue();
    JsonObject done = waitFor(id);
    assertThat(done.getString("batchStatus")).as(done.toString()).isEqualTo("COMPLETED");
    JsonObject grpo = done.getJsonObject("lastTrainingStep").getJsonObject("grpo");
    assertThat(grpo.getJsonNumber("improvementRate").doubleValue()).isBetween(0.0, 1.0);
    assertThat(grpo.getJsonNumber("degradationRate").doubleValue()).isBetween(0.0, 1.0);
    assertThat(grpo.getJsonNumber("scoringMs").doubleValue()).as("the student ran").isPositive();
    assertThat(done.getJsonObject("result").getString("reward")).isEqualTo("teaching");
  }

  @Test
  void badRequestsAreProblems() {
    String base = "\"base\": \"demo-arithmetic\", \"output\": \"" + run + "/x\", \"dataset\": \"" + run + ".jsonl\"";
    LimitsIT.assertProblem(Server.postJson("/api/jobs/grpo", "{" + base + ", \"reward\": \"teaching\"}"), 400,
        "the teaching reward needs a 'profile'");
    LimitsIT.assertProblem(Server.postJson("/api/jobs/grpo", "{" + base + ", \"reward\": \"coin-flip\"}"), 400,
        "'reward' must be verifiable, reward-system, teaching or teaching-paired");
    LimitsIT.assertProblem(Server.postJson("/api/jobs/grpo", "{" + base + ", \"lossType\": \"ppo\"}"), 400,
        "'lossType' must be dapo, grpo, bnpo or dr_grpo, not 'ppo'");
    LimitsIT.assertProblem(Server.postJson("/api/jobs/grpo", "{" + base + ", \"numGenerations\": 1}"), 400,
        "'numGenerations' must be between 2 and 256");
    LimitsIT.assertProblem(Server.postJson("/api/jobs/grpo", "{" + base + ", \"source\": \"web\"}"), 400,
        "'source' must be dataset or sessions");
    LimitsIT.assertProblem(Server.postJson("/api/jobs/grpo", "{\"base\": \"demo-arithmetic\", \"output\": \"demo-arithmetic\","
        + " \"dataset\": \"" + run + ".jsonl\"}"), 400, "'output' must be another folder than 'base'");
    LimitsIT.assertProblem(Server.postJson("/api/jobs/grpo", "{" + base + ", \"reward\": \"reward-system\", \"profile\": \"no-such\"}"),
        404, "no-such");
  }
}
