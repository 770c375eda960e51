package ai.atlas.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code teach-demo} and {@code teach-data}: what they refuse, and the data they write. */
class TeachDemoCommandTest {

  @TempDir Path temp;

  private static String errorOf(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = TeachDemoCommand.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    return err.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void badOptionsAndMissingCheckpointsAreOneLineErrors() {
    assertThat(errorOf("s", "t", "steps")).startsWith("teach-demo: 'steps' is not name=value");
    assertThat(errorOf("s", "t", "colour=red")).startsWith("teach-demo: unknown option colour");
    assertThat(errorOf("s", "t", "seeds=")).startsWith("teach-demo: ");
    assertThat(errorOf(temp.resolve("none").toString(), temp.resolve("none").toString(), "steps=0")).startsWith("teach-demo: ")
        .doesNotContain("\n");
  }

  @Test
  void teachDataWritesTheThreeDatasets() throws Exception {
    assertThat(ModelCommandAccess.run("teach-data", temp.toString(), "20", "3")).isZero();
    assertThat(Files.readAllLines(temp.resolve("teach-student.jsonl"))).hasSize(20).allMatch(l -> l.startsWith("{\"messages\":"));
    assertThat(Files.readAllLines(temp.resolve("teach-teacher.jsonl"))).hasSize(20);
    assertThat(Files.readAllLines(temp.resolve("teach-base.jsonl"))).hasSize(20).allMatch(l -> l.startsWith("{\"text\":"));
  }
}
