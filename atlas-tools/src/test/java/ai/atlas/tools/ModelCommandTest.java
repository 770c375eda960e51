package ai.atlas.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check-logits}: the Hugging Face fixture (kept once, in the model module's test resources) passes, a wrong expectation fails. */
class ModelCommandTest {

  /** The fixture checkpoint with its reference logits. */
  private static final Path FIXTURE = Path.of("../atlas-model/src/test/resources/tiny-llama");

  @TempDir Path temp;

  @Test
  void theCheckLogitsCommandPassesTheFixtureAndFailsAWrongExpectation() throws IOException {
    assertThat(ModelCommandAccess.run("check-logits", FIXTURE.toString())).isZero();

    Path dir = Files.createDirectories(temp.resolve("wrong"));
    for (String file : new String[] {"config.json", "model.safetensors"}) {
      Files.copy(FIXTURE.resolve(file), dir.resolve(file));
    }
    String expected = Files.readString(FIXTURE.resolve("expected_logits.json"));
    Files.writeString(dir.resolve("expected_logits.json"), expected.replaceFirst("\\[\\[-?[0-9.]+", "[[7.5"));
    assertThat(ModelCommandAccess.run("check-logits", dir.toString())).isEqualTo(1);
    assertThat(ModelCommandAccess.run("check-logits", temp.resolve("missing").toString())).isEqualTo(2);
  }
}
