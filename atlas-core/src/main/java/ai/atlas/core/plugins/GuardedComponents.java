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
import ai.atlas.spi.TokenUsage;
import java.util.function.Consumer;

/** Plugin components as the server holds them: every method call goes through the plugin's guard. */
final class GuardedComponents {

  private GuardedComponents() {}

  /** Times the call and reports it, answered or failed; an observer that throws never fails the call. */
  static <T> T observed(ModelCallObserver.Call call, ModelCallObserver observer, java.util.function.Supplier<T> work,
      java.util.function.Function<T, TokenUsage> usage) {
    long start = System.nanoTime();
    T result;
    try {
      result = work.get();
    } catch (RuntimeException | Error e) {
      report(call, observer, start, TokenUsage.ZERO, true);
      throw e;
    }
    report(call, observer, start, result == null ? TokenUsage.ZERO : usage.apply(result), false);
    return result;
  }

  private static void report(ModelCallObserver.Call call, ModelCallObserver observer, long start, TokenUsage used,
      boolean failed) {
    try {
      observer.called(call, java.time.Duration.ofNanos(System.nanoTime() - start), used, failed);
    } catch (RuntimeException e) {
      java.util.logging.Logger.getLogger(GuardedComponents.class.getName()).log(java.util.logging.Level.FINE, "model call observer", e);
    }
  }

  record GuardedChatModel(ChatModel inner, PluginGuard guard, ModelCallObserver.Call call, ModelCallObserver observer)
      implements ChatModel {
    @Override
    public ChatResponse chat(ChatRequest request) {
      return observed(call, observer, () -> guard.call("chat", () -> inner.chat(request)), ChatResponse::usage);
    }

    @Override
    public ChatResponse stream(ChatRequest request, Consumer<String> onText) {
      return observed(call, observer, () -> guard.call("stream", () -> inner.stream(request, onText)), ChatResponse::usage);
    }
  }

  record GuardedAgentAdapter(AgentAdapter inner, PluginGuard guard, ModelCallObserver.Call call, ModelCallObserver observer)
      implements AgentAdapter {
    @Override
    public AgentAnswer run(AgentTask task) {
      return observed(call, observer, () -> guard.call("run", () -> inner.run(task)), AgentAnswer::usage);
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
