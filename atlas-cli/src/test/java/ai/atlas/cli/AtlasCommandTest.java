package ai.atlas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AtlasCommandTest {

  @TempDir Path dir;

  @Test
  void flagsComeBeforeTheEnvironmentWhichComesBeforeTheConfigurationFileWhichIsOwnerOnly() throws Exception {
    Path file = dir.resolve("cli.properties");
    new CliConfig("http://saved:9080", "saved-user", "saved-pw", null).save(file);
    Map<String, String> environment = Map.of("ATLAS_SERVER", "http://env:9080", "ATLAS_PASSWORD", "env-pw");
    CliConfig resolved = CliConfig.resolve(file, "http://flag:9080", null, null, null, environment::get);
    assertThat(resolved.server()).isEqualTo("http://flag:9080");
    assertThat(resolved.user()).isEqualTo("saved-user");
    assertThat(resolved.password()).isEqualTo("env-pw");
    assertThat(resolved.token()).isNull();
    assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
  }

  @Test
  void theAgentOptionsBecomeTheProfilesAgentBlock() {
    assertThat(EnvCommand.agentYaml("http://llm/v1", "m", "KEY", null, null, null))
        .isEqualTo("agent:\n  type: openai\n  settings: {base-url: \"http://llm/v1\", model: \"m\", api-key-env: \"KEY\"}\n");
    assertThat(EnvCommand.agentYaml(null, null, null, "http://a/agent", null, null))
        .isEqualTo("agent:\n  type: http\n  settings: {url: \"http://a/agent\"}\n");
    assertThat(EnvCommand.agentYaml(null, null, null, null, "python \"agent.py\"", null)).contains("command: \"python \\\"agent.py\\\"\"");
    assertThat(EnvCommand.agentYaml(null, null, null, null, null, null)).isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnvCommand.agentYaml("http://llm", null, null, null, null, null))
        .hasMessage("--agent-openai needs --agent-model");
  }

  @Test
  void everyCommandsHelpHasAnExample() {
    java.util.List<String> without = new java.util.ArrayList<>();
    java.util.Deque<CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(Atlas.commandLine()));
    while (!todo.isEmpty()) {
      CommandLine command = todo.pop();
      String name = command.getCommandName();
      if (name.equals("help") || name.equals("generate-completion")) {
        continue;
      }
      if (!command.getUsageMessage().contains("Example")) {
        without.add(command.getCommandSpec().qualifiedName());
      }
      todo.addAll(command.getSubcommands().values());
    }
    assertThat(without).isEmpty();
  }

  @Test
  void httpStatusesMapToStableExitCodes() {
    assertThat(ExitCodes.ofStatus(401)).isEqualTo(ExitCodes.DENIED);
    assertThat(ExitCodes.ofStatus(403)).isEqualTo(ExitCodes.DENIED);
    assertThat(ExitCodes.ofStatus(404)).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(ExitCodes.ofStatus(409)).isEqualTo(ExitCodes.REFUSED);
    assertThat(ExitCodes.ofStatus(500)).isEqualTo(ExitCodes.SERVER_ERROR);
  }

  @Test
  void eventsAreOneLineEach() {
    assertThat(RunCommand.describe("validation", "{\"attempt\": 1, \"valid\": false, \"guidance\": \"multiply\"}"))
        .isEqualTo("validation attempt=1 valid=false guidance=multiply");
    assertThat(RunCommand.describe("session.finished", "{\"status\": \"succeeded\", \"lane\": \"auto\"}"))
        .isEqualTo("session.finished lane=auto status=succeeded");
    assertThat(RunCommand.describe("student.call", "{\"purpose\": \"answer\", \"attempt\": 2, \"guidance\": \"w1 e2 d3\","
        + " \"template\": \"task\", \"answer\": \"d\", \"prompt_tokens\": 83}"))
        .isEqualTo("student.call purpose=answer attempt=2 guidance=w1 e2 d3 answer=d");
    assertThat(RunCommand.describe("judgement", "{\"judge\": \"exact\", \"score\": 1.0, \"rationale\": \"the answer matches\"}"))
        .isEqualTo("judgement judge=exact score=1.0000");
    String lesson = "student, keyword 7: spell the list with places to letter 7, then answer";
    assertThat(RunCommand.describe("playbook.learned", "{\"proposed\": 1, \"kept\": 1, \"learned\": [\"" + lesson + "\"],"
        + " \"template\": \"learning.synthesis@3\"}"))
        .isEqualTo("playbook.learned kept=1 learned=[\"" + lesson + "\"]");
    assertThat(RunCommand.describe("odd", "not json")).isEqualTo("odd");
  }

  @Test
  void withoutAServerTheCommandSaysWhatToDo() {
    CommandLine line = Atlas.commandLine(name -> null); // no ATLAS_* variables, whatever the test's environment holds
    StringWriter err = new StringWriter();
    line.setErr(new PrintWriter(err, true));
    line.setOut(new PrintWriter(new StringWriter(), true));
    int exit = line.execute("profiles", "--config", dir.resolve("missing.properties").toString());
    assertThat(exit).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).isEqualTo("atlas: no server: pass --server URL or run `atlas env init`" + System.lineSeparator());
  }
}
