package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.model.io.Checkpoint;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sft job on a small model made by the test: it trains to the end and writes a checkpoint that
 * loads; stopped part-way and restarted, it ends with exactly the same weights.
 */
class SftJobIT {

  private static TinySft sft;
  private static String run;

  @BeforeAll
  static void prepare() throws IOException {
    sft = TinySft.prepare();
    run = sft.name();
  }

  private static long start(String output) {
    return sft.start(output, 2);
  }

  private static JsonObject waitFor(long id, List<String> statuses) throws InterruptedException {
    return TinySft.waitFor(id, statuses);
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
