package ai.atlas.core.application.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

  @TempDir Path folder;

  @Test
  void aSecretFileWinsOverTheEnvironment() throws IOException {
    Files.writeString(folder.resolve("OPENAI_API_KEY"), "sk-from-file-1234\n");
    Secrets secrets = new Secrets(Map.of("OPENAI_API_KEY", "sk-from-env-5678", "OTHER_API_KEY", "sk-other-0000"), folder);

    assertThat(secrets.get("OPENAI_API_KEY")).contains("sk-from-file-1234");
    assertThat(secrets.get("OTHER_API_KEY")).contains("sk-other-0000");
    assertThat(secrets.get("MISSING")).isEmpty();
    assertThat(secrets.get("../etc/passwd")).isEmpty();
  }

  @Test
  void knownValuesAreTheSecretLookingVariablesAndEverySecretFile() throws IOException {
    Files.writeString(folder.resolve("db"), "file-secret-value");
    Secrets secrets = new Secrets(Map.of(
        "OPENAI_API_KEY", "sk-live-abcdefgh",
        "GITHUB_TOKEN", "ghp_0123456789",
        "ATLAS_DB_PASSWORD", "hunter2hunter2",
        "PATH", "/usr/bin:/bin",
        "SHORT_SECRET", "abc"), folder);

    assertThat(secrets.knownValues())
        .containsExactlyInAnyOrder("sk-live-abcdefgh", "ghp_0123456789", "hunter2hunter2", "file-secret-value");
  }

}
