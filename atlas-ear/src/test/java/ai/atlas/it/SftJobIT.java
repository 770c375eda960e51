package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.model.demo.ArithmeticTasks;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.io.ModelConfig;
import ai.atlas.model.io.ModelInit;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sft job on a small model made by the test: it trains to the end and writes a checkpoint that
 * loads; stopped part-way and restarted, it ends with exactly the same weights.
 */
class SftJobIT {

  private static String run;

  @BeforeAll
  static void prepare() throws IOException {
    run = "sft-" + UUID.randomUUID().toString().substring(0, 8);
    ModelConfig config = ModelConfig.parse("""
        {"architectures": ["LlamaForCausalLM"], "hidden_size": 32, "intermediate_size": 64, "num_attention_heads": 4,
         "num_key_value_heads": 2, "num_hidden_layers": 2, "vocab_size": 263, "max_position_embeddings": 160,
         "tie_word_embeddings": true}""");
    ModelInit.initialise(config, 5).save(Server.serverDir().resolve("models").resolve(run).resolve("base"), Long.MAX_VALUE);
    String lines = ArithmeticTasks.generate(ArithmeticTasks.Split.TRAIN, 1, 60, 3).stream()
        .map(t -> Json.createObjectBuilder().add("prompt", t.question()).add("completion", t.answer()).build().toString())
        .collect(Collectors.joining("\n"));
    Files.createDirectories(Server.serverDir().resolve("datasets"));
    Files.writeString(Server.serverDir().resolve("datasets").resolve(run + ".jsonl"), lines + "\n");
  }

  private static long start(String output) {
    HttpResponse<String> started = Server.postJson("/api/jobs/sft", Json.createObjectBuilder().add("dataset", run + ".jsonl")
        .add("base", run + "/base").add("output", run + "/" + output).add("epochs", 2).add("batchSize", 2)
        .add("learningRate", 0.01).add("warmupSteps", 5).add("seed", 7).build().toString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    return Server.json(started).getJsonNumber("executionId").longValue();
  }

  private static JsonObject waitFor(long id, List<String> statuses) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
    JsonObject execution = Server.json(Server.get("/api/jobs/" + id));
    while (!statuses.contains(execution.getString("batchStatus")) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      execution = Server.json(Server.get("/api/jobs/" + id));
    }
    return execution;
  }

  @Test
  void anSftRunWritesACheckpointAndARestartedRunEndsWithTheSameWeights() throws Exception {
    long straight = start("straight");
    JsonObject done = waitFor(straight, List.of("COMPLETED", "FAILED"));
    assertThat(done.getString("batchStatus")).as(done.toString()).isEqualTo("COMPLETED");
    JsonObject result = done.getJsonObject("result");
    assertThat(result.getInt("steps")).isEqualTo(60);
    assertThat(result.getJsonNumber("finalLoss").doubleValue()).isLessThan(result.getJsonNumber("firstLoss").doubleValue());
    List<JsonObject> metrics = Server.jsonArray(Server.get("/api/jobs/" + straight + "/metrics"));
    assertThat(metrics).hasSize(60).extracting(m -> m.getInt("step")).containsExactlyElementsOf(
        java.util.stream.IntStream.range(0, 60).boxed().toList());
    Path output = Server.serverDir().resolve("models").resolve(run).resolve("straight");
    assertThat(Checkpoint.load(output).config().numLayers()).isEqualTo(2);

    long interrupted = start("restarted");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Server.jsonArray(Server.get("/api/jobs/" + interrupted + "/metrics")).size() < 5 && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    assertThat(Server.postJson("/api/jobs/" + interrupted + "/stop", "").statusCode()).isIn(200, 409);
    JsonObject stopped = waitFor(interrupted, List.of("STOPPED", "COMPLETED", "FAILED"));
    assertThat(stopped.getString("batchStatus")).as("stopped part-way: %s", stopped).isEqualTo("STOPPED");
    int before = Server.jsonArray(Server.get("/api/jobs/" + interrupted + "/metrics")).size();
    assertThat(before).isBetween(5, 59);

    HttpResponse<String> restart = Server.postJson("/api/jobs/" + interrupted + "/restart", "");
    assertThat(restart.statusCode()).as(restart.body()).isEqualTo(202);
    long second = Server.json(restart).getJsonNumber("executionId").longValue();
    assertThat(waitFor(second, List.of("COMPLETED", "FAILED")).getString("batchStatus")).isEqualTo("COMPLETED");

    assertThat(Server.jsonArray(Server.get("/api/jobs/" + second + "/metrics"))).hasSize(60);
    assertThat(Files.readAllBytes(Server.serverDir().resolve("models").resolve(run).resolve("restarted").resolve("model.safetensors")))
        .isEqualTo(Files.readAllBytes(output.resolve("model.safetensors")));
    LimitsIT.assertProblem(Server.postJson("/api/jobs/" + second + "/restart", ""), 409, "cannot be restarted");
  }

  @Test
  void badRequestsAreProblems() {
    LimitsIT.assertProblem(Server.postJson("/api/jobs/sft", "{\"dataset\": \"" + run + ".jsonl\", \"base\": \"nope\", \"output\": \"x\"}"),
        400, "'base' names no checkpoint");
    LimitsIT.assertProblem(Server.postJson("/api/jobs/sft", "{\"dataset\": \"../x.jsonl\", \"base\": \"" + run + "/base\", \"output\": \"x\"}"),
        400, "'dataset' must name a file inside the datasets folder");
  }
}
