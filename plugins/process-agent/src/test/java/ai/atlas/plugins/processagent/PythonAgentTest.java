package ai.atlas.plugins.processagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentTask;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** agent-adapter:python against a real interpreter and a team's module, as atlas-sdk's python adapter calls it. */
class PythonAgentTest {

  private static final String MODULE = """
      import asyncio

      def run_agent(prompt, metadata):
          print("noise on stdout must not become the answer")
          return {"said": prompt, "tenant": metadata.get("tenant"), "llm": (metadata.get("llm_config") or {}).get("model")}

      async def later(prompt):
          await asyncio.sleep(0)
          return "async: " + prompt

      def words(prompt):
          yield "a"
          yield "b"

      def broken(prompt):
          raise ValueError("no such order")

      class Session:
          opened = 0
          def on_open(self):
              Session.opened += 1
          def on_step(self, prompt, metadata):
              return "step %d: %s" % (Session.opened, prompt)
      """;

  @TempDir static Path dir;

  @BeforeAll
  static void module() throws IOException, InterruptedException {
    boolean python;
    try {
      python = new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      python = false;
    }
    assumeTrue(python, "no python3 on this machine");
    Files.createDirectories(dir.resolve("team"));
    Files.writeString(dir.resolve("team/__init__.py"), "");
    Files.writeString(dir.resolve("team/agents.py"), MODULE);
  }

  private static AgentAdapter agent(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(Map.of("import-path", "team.agents", "working-dir", dir.toString()));
    values.putAll(extra);
    return new PythonAgentFactory().create(new PluginSettings() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
      }

      @Override
      public Optional<String> secret(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<ChatModel> chatModel(String name) {
        return Optional.empty();
      }
    });
  }

  @Test
  void theFunctionGetsThePromptWithPlaybookAndGuidanceAndTheMetadata() {
    try (AgentAdapter agent = agent(Map.of("attribute", "run_agent", "llm-config", "{\"model\": \"gpt-4o-mini\"}"))) {
      String answer = agent.run(new AgentTask("Refund order 7", "check the date first", List.of("quote the policy"),
          Map.of("tenant", "acme"))).answer();

      assertThat(answer).isEqualTo("{\"said\": \"Refund order 7\\n\\nWhat worked on similar tasks:\\n- quote the policy"
          + "\\n\\nGuidance: check the date first\", \"tenant\": \"acme\", \"llm\": \"gpt-4o-mini\"}");
    }
  }

  @Test
  void coroutinesClassesAndGeneratorsAreRunAsAtlasSdkRunsThem() {
    try (AgentAdapter later = agent(Map.of("attribute", "later"))) {
      assertThat(later.run(AgentTask.of("hi")).answer()).isEqualTo("async: hi");
    }
    try (AgentAdapter session = agent(Map.of("attribute", "Session"))) {
      assertThat(session.run(AgentTask.of("one")).answer()).isEqualTo("step 1: one");
      assertThat(session.run(AgentTask.of("two")).answer()).as("a new instance per task").isEqualTo("step 2: two");
    }
    try (AgentAdapter words = agent(Map.of("attribute", "words", "allow-generator", "true"))) {
      assertThat(words.run(AgentTask.of("x")).answer()).isEqualTo("ab");
    }
    try (AgentAdapter refused = agent(Map.of("attribute", "words"))) {
      assertThatThrownBy(() -> refused.run(AgentTask.of("x"))).isInstanceOf(PluginException.class)
          .hasMessageContaining("allow_generator is false");
    }
  }

  @Test
  void failuresAreTheSessionsWithTheirReason() {
    try (AgentAdapter broken = agent(Map.of("attribute", "broken"))) {
      assertThatThrownBy(() -> broken.run(AgentTask.of("x"))).hasMessageContaining("ValueError: no such order");
    }
    try (AgentAdapter missing = agent(Map.of("import-path", "team.nothing"))) {
      assertThatThrownBy(() -> missing.run(AgentTask.of("x"))).hasMessageContaining("cannot load team.nothing.main")
          .hasMessageContaining("ModuleNotFoundError");
    }
    assertThatThrownBy(() -> agent(Map.of("import-path", "rm -rf /"))).hasMessageContaining("must be a Python module path");
  }
}
