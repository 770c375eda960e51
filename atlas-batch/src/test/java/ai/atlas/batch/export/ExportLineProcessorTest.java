package ai.atlas.batch.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.application.redaction.RedactionFailedException;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.server.config.RedactionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportLineProcessorTest {

  @TempDir Path secrets;

  @Test
  void exportedLinesAreRedactedByTheConfiguredRulesAndLiveSecrets() throws IOException {
    Files.writeString(secrets.resolve("PROVIDER_KEY"), "sk-planted-secret-42");
    AgentSession session = new AgentSession("mail ops@example.com, ticket TCK-77, key sk-planted-secret-42", Instant.EPOCH);
    session.addStep("call 415-555-0132").finish("card 4111 1111 1111 1111", "ok", 1.0);
    session.complete(SessionStatus.SUCCEEDED, "done", Instant.EPOCH);

    String line = (String) processor("email,phone,card", "[{\"name\":\"ticket\",\"pattern\":\"TCK-[0-9]+\"}]").processItem(session);

    assertThat(line)
        .contains("mail [REDACTED:email], ticket [REDACTED:ticket], key [REDACTED:secret]")
        .contains("call [REDACTED:phone]")
        .contains("card [REDACTED:card]")
        .doesNotContain("ops@example.com", "TCK-77", "sk-planted-secret-42", "415-555-0132", "4111");
  }

  @Test
  void brokenRedactionConfigurationFailsTheExport() {
    AgentSession session = new AgentSession("mail ops@example.com", Instant.EPOCH);

    assertThatThrownBy(() -> processor("email", "[{\"name\":\"x\",\"pattern\":\"(\"}]").processItem(session))
        .isInstanceOf(RedactionFailedException.class)
        .hasMessageContaining("redaction configuration is broken")
        .hasMessageContaining("rule 'x' has a bad pattern");
  }

  private ExportLineProcessor processor(String builtIn, String custom) {
    RedactionConfig config = new RedactionConfig(builtIn, custom, 2000, secrets.toString());
    ExportLineProcessor processor = new ExportLineProcessor();
    processor.redaction = config;
    processor.format = "atlas";
    return processor;
  }
}
