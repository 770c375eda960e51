package ai.atlas.plugins.processagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.AgentTask;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.TokenUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter driving a real child process: a small agent program run by this JDK's java launcher. */
class ProcessAgentTest {

  private static final String AGENT = """
      import java.io.*;
      import java.util.regex.*;
      public class EchoAgent {
        public static void main(String[] args) throws Exception {
          BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
          Pattern id = Pattern.compile("\\"id\\":(\\\\d+)");
          Pattern task = Pattern.compile("\\"task\\":\\"((?:[^\\"\\\\\\\\]|\\\\\\\\.)*)\\"");
          String line;
          while ((line = in.readLine()) != null) {
            Matcher i = id.matcher(line); i.find();
            Matcher t = task.matcher(line); t.find();
            String n = i.group(1), text = t.group(1);
            System.err.println("agent got task " + n);
            switch (text) {
              case "die" -> System.exit(3);
              case "hang" -> Thread.sleep(60_000);
              case "fail" -> System.out.println("{\\"id\\":" + n + ",\\"error\\":\\"cannot do that\\"}");
              case "tools" -> System.out.println("{\\"id\\":" + n + ",\\"answer\\":\\"sunny\\",\\"steps\\":[{\\"description\\":\\"look\\","
                  + "\\"output\\":\\"sunny\\",\\"tool_calls\\":[{\\"id\\":\\"c1\\",\\"name\\":\\"weather\\",\\"arguments\\":{\\"city\\":\\"Paris\\"},"
                  + "\\"result\\":\\"sunny\\",\\"succeeded\\":true}]}],\\"tool_calls\\":[{\\"name\\":\\"log\\",\\"succeeded\\":false},{\\"id\\":\\"x\\"}]}");
              default -> {
                System.out.println("log: working on " + n);
                System.out.println("{\\"id\\":" + n + ",\\"answer\\":\\"echo: " + text + "\\",\\"steps\\":[{\\"description\\":\\"echo\\",\\"output\\":\\"" + text
                    + "\\"}],\\"usage\\":{\\"prompt_tokens\\":3,\\"completion_tokens\\":2}}");
              }
            }
            System.out.flush();
          }
        }
      }
      """;

  @TempDir Path dir;
  private ProcessAgent agent;

  @BeforeEach
  void start() throws IOException {
    Path source = Files.writeString(dir.resolve("EchoAgent.java"), AGENT);
    String java = ProcessHandle.current().info().command().orElse("java");
    agent = new ProcessAgent(List.of(java, source.toString()), null, Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    agent.close();
  }

  @Test
  void tasksGoOutAsJsonLinesAndAnswersComeBackSkippingOtherOutput() {
    AgentAnswer first = agent.run(AgentTask.of("hello"));
    AgentAnswer second = agent.run(AgentTask.of("again"));

    assertThat(first.answer()).isEqualTo("echo: hello");
    assertThat(first.steps()).singleElement().satisfies(s -> assertThat(s.output()).isEqualTo("hello"));
    assertThat(first.usage()).isEqualTo(new TokenUsage(3, 2));
    assertThat(second.answer()).isEqualTo("echo: again");
    assertThat(agent.starts()).isEqualTo(1);
  }

  @Test
  void toolCallsOfTheStepsAndOfTheAnswerComeBackWithTheirOutcome() {
    AgentAnswer answer = agent.run(AgentTask.of("tools"));

    assertThat(answer.steps()).singleElement().satisfies(s -> assertThat(s.toolCalls())
        .containsExactly(new ai.atlas.spi.ToolCall("c1", "weather", "{\"city\":\"Paris\"}", "sunny", true)));
    // a call without a name is not a call
    assertThat(answer.toolCalls()).containsExactly(new ai.atlas.spi.ToolCall(null, "log", "{}", null, false));
  }

  @Test
  void aProcessThatDiesIsStartedAgainForTheNextTask() {
    assertThat(agent.run(AgentTask.of("one")).answer()).isEqualTo("echo: one");

    assertThatThrownBy(() -> agent.run(AgentTask.of("die")))
        .isInstanceOf(PluginException.class).hasMessageContaining("exited with code 3 before answering");

    assertThat(agent.run(AgentTask.of("two")).answer()).isEqualTo("echo: two");
    assertThat(agent.starts()).isEqualTo(2);
  }

  @Test
  void aProcessThatDoesNotAnswerInTimeIsStoppedAndReplaced() throws IOException {
    Path source = dir.resolve("EchoAgent.java");
    String java = ProcessHandle.current().info().command().orElse("java");
    agent.close();
    agent = new ProcessAgent(List.of(java, source.toString()), null, Duration.ofSeconds(8));
    agent.run(AgentTask.of("warm up")); // the first start compiles the program

    assertThatThrownBy(() -> agent.run(AgentTask.of("hang")))
        .isInstanceOf(PluginException.class).hasMessage("the agent process did not answer within 8 s; it was stopped");

    assertThat(agent.run(AgentTask.of("after")).answer()).isEqualTo("echo: after");
    assertThat(agent.starts()).isEqualTo(2);
  }

  @Test
  void anErrorAnswerAndAMissingProgramArePluginErrors() {
    assertThatThrownBy(() -> agent.run(AgentTask.of("fail")))
        .isInstanceOf(PluginException.class).hasMessage("the agent process reported: cannot do that");

    ProcessAgent missing = new ProcessAgent(List.of("/no/such/agent"), null, Duration.ofSeconds(1));
    assertThatThrownBy(() -> missing.run(AgentTask.of("x")))
        .isInstanceOf(PluginException.class).hasMessageContaining("cannot start the agent process [/no/such/agent]");
  }

  @Test
  void aCappedCallSaysItsTokenCapInTheRequestLine() {
    assertThat(ProcessAgent.request(7, AgentTask.of("step one").withMaxTokens(32))).contains("\"max_tokens\":32").contains("\"id\":7");
    assertThat(ProcessAgent.request(8, AgentTask.of("step one"))).doesNotContain("max_tokens");
  }
}
