package ai.atlas.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.atlas.cuda.CudaDevice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrpoCommandTest {

  @TempDir Path temp;

  private int run(ByteArrayOutputStream out, String... args) {
    return GrpoCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  void checkGrpoPassesEveryFixtureAndFailsAWrongOne() throws IOException {
    Path fixtures = Files.createDirectories(temp.resolve("fixtures"));
    String advantages = """
        {"name": "adv", "num_generations": 2, "scale_rewards": "none", "rewards": [1.0, 0.0], "expected": {"advantages": [0.5, -0.5]}}""";
    Files.writeString(fixtures.resolve("adv.json"), advantages);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(run(out, "check-grpo", fixtures.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("adv.json").contains("PASS");

    Files.writeString(fixtures.resolve("wrong.json"), advantages.replace("[0.5, -0.5]", "[0.5, -0.4]"));
    ByteArrayOutputStream failing = new ByteArrayOutputStream();
    assertThat(run(failing, "check-grpo", fixtures.toString())).isEqualTo(1);
    assertThat(failing.toString(StandardCharsets.UTF_8)).contains("wrong.json").contains("FAIL");

    assertThat(run(new ByteArrayOutputStream(), "check-grpo", temp.resolve("missing").toString())).isEqualTo(2);
  }

  @Test
  void checkGrpoTakesABackendAndForcingAnAbsentGpuIsAOneLineError() throws IOException {
    Path fixtures = Path.of("../atlas-model/src/test/resources/grpo");
    ByteArrayOutputStream cpu = new ByteArrayOutputStream();
    assertThat(run(cpu, "check-grpo", "--backend", "cpu", fixtures.toString())).isZero();
    assertThat(cpu.toString(StandardCharsets.UTF_8)).contains("objective: cpu").contains("large_logits_dapo.json").doesNotContain("FAIL");

    assumeFalse(CudaDevice.availability().available(), "a GPU is present");
    ByteArrayOutputStream cuda = new ByteArrayOutputStream();
    assertThat(run(cuda, "check-grpo", "--backend", "cuda", fixtures.toString())).isEqualTo(2);
    assertThat(cuda.toString(StandardCharsets.UTF_8).strip()).startsWith("check-grpo: atlas.model.backend=cuda, but cuda is unavailable: ")
        .doesNotContain("\n");
  }

  @Test
  void theGpuToolsExplainTheirMistakes() {
    ByteArrayOutputStream usage = new ByteArrayOutputStream();
    assertThat(run(usage, "check-grpo", "--colour", "red", "dir")).isEqualTo(2);
    assertThat(usage.toString(StandardCharsets.UTF_8)).contains("usage: check-grpo [--backend auto|vector|cpu|reference|cuda] DIR");

    ByteArrayOutputStream number = new ByteArrayOutputStream();
    assertThat(run(number, "bench-grpo", "--rows", "many")).isEqualTo(2);
    assertThat(number.toString(StandardCharsets.UTF_8).strip()).isEqualTo("bench-grpo: --rows many is not a whole number");

    ByteArrayOutputStream missing = new ByteArrayOutputStream();
    assertThat(run(missing, "bench-grpo", "--rows")).isEqualTo(2);
    assertThat(missing.toString(StandardCharsets.UTF_8).strip()).isEqualTo("bench-grpo: --rows needs a value");

    ByteArrayOutputStream shape = new ByteArrayOutputStream();
    assertThat(run(shape, "bench-grpo", "--rows", "100", "--positions", "64")).isEqualTo(2);
    assertThat(shape.toString(StandardCharsets.UTF_8)).contains("rows must be a positive multiple of positions");

    assumeFalse(CudaDevice.availability().available(), "a GPU is present");
    ByteArrayOutputStream noGpu = new ByteArrayOutputStream();
    assertThat(run(noGpu, "bench-grpo", "--rows", "64", "--vocab", "1000", "--positions", "8", "--python", "none")).isEqualTo(2);
    assertThat(noGpu.toString(StandardCharsets.UTF_8).strip()).startsWith("bench-grpo: no CUDA driver");
  }
}
