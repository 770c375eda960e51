package ai.atlas.core.plugins;

import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.AgentTask;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.Interaction;
import ai.atlas.spi.Judge;
import ai.atlas.spi.Judgement;
import java.util.function.Consumer;

/** Plugin components as the server holds them: every method call goes through the plugin's guard. */
final class GuardedComponents {

  private GuardedComponents() {}

  record GuardedChatModel(ChatModel inner, PluginGuard guard) implements ChatModel {
    @Override
    public ChatResponse chat(ChatRequest request) {
      return guard.call("chat", () -> inner.chat(request));
    }

    @Override
    public ChatResponse stream(ChatRequest request, Consumer<String> onText) {
      return guard.call("stream", () -> inner.stream(request, onText));
    }
  }

  record GuardedAgentAdapter(AgentAdapter inner, PluginGuard guard) implements AgentAdapter {
    @Override
    public AgentAnswer run(AgentTask task) {
      return guard.call("run", () -> inner.run(task));
    }

    @Override
    public void close() {
      guard.call("close", () -> {
        inner.close();
        return null;
      });
    }
  }

  record GuardedJudge(Judge inner, PluginGuard guard) implements Judge {
    @Override
    public Judgement judge(Interaction interaction) {
      return guard.call("judge", () -> inner.judge(interaction));
    }
  }
}
