package ai.atlas.batch.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.batch.grpo.GrpoJob;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import ai.atlas.model.grpo.GrpoSettings;
import ai.atlas.model.objective.LossType;
import ai.atlas.server.config.ServerFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grpo launcher against real folders: what it computes, what it refuses, and that the writer reads the same settings. */
class GrpoLauncherTest {

  @TempDir Path root;
  private GrpoLauncher launcher;

  @BeforeEach
  void folders() throws IOException {
    Path datasets = Files.createDirectories(root.resolve("datasets"));
    Path models = Files.createDirectories(root.resolve("models"));
    Files.writeString(datasets.resolve("prompts.jsonl"), "{\"prompt\": \"a\"}\n".repeat(10));
    Files.createDirectories(models.resolve("base"));
    Files.writeString(models.resolve("base/config.json"), "{}");
    launcher = new GrpoLauncher();
    launcher.folders = new ServerFolders(root.resolve("exports"), datasets, models);
    launcher.clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
  }

  private Properties start(String json) {
    return launcher.parameters(Json.parseObject(json, "the request"), "tester");
  }

  @Test
  void theServerComputesTheFoldersAndTheScheduleAndTheWriterReadsTheSameSettings() {
    Properties p = start("{\"dataset\": \"prompts.jsonl\", \"base\": \"base\", \"output\": \"out\", \"promptsPerStep\": 4,"
        + " \"epochs\": 2, \"lossType\": \"grpo\", \"numGenerations\": 4}");
    assertThat(p.getProperty("totalSteps")).as("2 epochs of ceil(10 / 4) steps").isEqualTo("6");
    assertThat(p.getProperty("modelsDir")).isEqualTo(root.resolve("models").toAbsolutePath().toString());
    assertThat(Path.of(p.getProperty("output"))).isEqualTo(root.resolve("models/out").toAbsolutePath());
    assertThat(p.getProperty("seed")).isEqualTo("0");
    GrpoSettings settings = GrpoJob.settings(GrpoJob.SCHEMA.values(p));
    assertThat(settings.lossType()).isEqualTo(LossType.GRPO);
    assertThat(settings.numGenerations()).isEqualTo(4);
    assertThat(settings.beta()).isEqualTo(0.04);
  }

  @Test
  void theApprovedSessionsGoIntoANewFileOfTheDatasetsFolder() {
    Properties p = start("{\"source\": \"sessions\", \"base\": \"base\", \"output\": \"out\", \"maxSteps\": 7}");
    assertThat(Path.of(p.getProperty("dataset")).getFileName().toString()).isEqualTo("grpo-sessions-20261206-100000-000.jsonl");
    assertThat(p.getProperty("totalSteps")).isEqualTo("7");
  }

  @Test
  void badRequestsAreRefusedBeforeTheJobStarts() {
    String files = "\"dataset\": \"prompts.jsonl\", \"base\": \"base\"";
    assertThatThrownBy(() -> start("{" + files + ", \"output\": \"base\"}")).isInstanceOf(InvalidInputException.class)
        .hasMessage("'output' must be another folder than 'base'");
    assertThatThrownBy(() -> start("{" + files + ", \"output\": \"out\", \"reward\": \"teaching\"}"))
        .hasMessage("the teaching reward needs a 'profile'");
    assertThatThrownBy(() -> start("{" + files + ", \"output\": \"out\", \"epsilonLow\": 2}"))
        .hasMessage("'epsilonLow' must be between 0 and 1");
    assertThatThrownBy(() -> start("{\"dataset\": \"none.jsonl\", \"base\": \"base\", \"output\": \"out\"}"))
        .hasMessageStartingWith("'dataset' names no file of the datasets folder");
    assertThatThrownBy(() -> start("{\"dataset\": \"prompts.jsonl\", \"base\": \"nope\", \"output\": \"out\"}"))
        .hasMessageStartingWith("'base' names no checkpoint");
  }

  @Test
  void aPipelineRequestCannotChooseWhatThePipelineTrainsOn() {
    PipelineLauncher pipeline = new PipelineLauncher();
    assertThatThrownBy(() -> pipeline.parameters(Json.parseObject("{\"profile\": \"p\", \"reward\": \"verifiable\"}", "r"), "tester"))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("'reward' cannot be set");
  }
}
