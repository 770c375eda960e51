package ai.atlas.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {

  @TempDir Path temp;

  private int run(ByteArrayOutputStream out, String... args) {
    return BatchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
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
}
