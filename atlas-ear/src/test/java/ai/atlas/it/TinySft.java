package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.model.io.ModelConfig;
import ai.atlas.model.io.ModelInit;
import ai.atlas.model.tasks.ArithmeticTasks;
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

/**
 * An sft job small enough for a test: a 2-layer model made here and 60 arithmetic lines, in the
 * server's models and datasets folders under a name of its own. Two runs with the same settings
 * write the same bytes, which is what the restart tests compare.
 */
record TinySft(String name) {

  static TinySft prepare() throws IOException {
    TinySft run = new TinySft("sft-" + UUID.randomUUID().toString().substring(0, 8));
    ModelConfig config = ModelConfig.parse("""
        {"architectures": ["LlamaForCausalLM"], "hidden_size": 32, "intermediate_size": 64, "num_attention_heads": 4,
         "num_key_value_heads": 2, "num_hidden_layers": 2, "vocab_size": 263, "max_position_embeddings": 160,
         "tie_word_embeddings": true}""");
    ModelInit.initialise(config, 5).save(Server.serverDir().resolve("models").resolve(run.name).resolve("base"), Long.MAX_VALUE);
    String lines = ArithmeticTasks.generate(ArithmeticTasks.Split.TRAIN, 1, 60, 3).stream()
        .map(t -> Json.createObjectBuilder().add("prompt", t.question()).add("completion", t.answer()).build().toString())
        .collect(Collectors.joining("\n"));
    Files.createDirectories(Server.serverDir().resolve("datasets"));
    Files.writeString(Server.serverDir().resolve("datasets").resolve(run.name + ".jsonl"), lines + "\n");
    return run;
  }

  /** Starts a run writing to {@code output}: {@code epochs} passes of 30 steps (batches of 2). */
  long start(String output, int epochs) {
    HttpResponse<String> started = Server.postJson("/api/jobs/sft", Json.createObjectBuilder().add("dataset", name + ".jsonl")
        .add("base", name + "/base").add("output", name + "/" + output).add("epochs", epochs).add("batchSize", 2)
        .add("learningRate", 0.01).add("warmupSteps", 5).add("seed", 7).build().toString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    return Server.json(started).getJsonNumber("executionId").longValue();
  }

  Path output(String output) {
    return Server.serverDir().resolve("models").resolve(name).resolve(output);
  }

  byte[] weights(String output) throws IOException {
    return Files.readAllBytes(output(output).resolve("model.safetensors"));
  }

  int stepsRecorded(long executionId) {
    return Server.jsonArray(Server.get("/api/jobs/" + executionId + "/metrics")).size();
  }

  static JsonObject waitFor(long id, List<String> statuses) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
    JsonObject execution = Server.json(Server.get("/api/jobs/" + id));
    while (!statuses.contains(execution.getString("batchStatus")) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      execution = Server.json(Server.get("/api/jobs/" + id));
    }
    return execution;
  }
}
