package ai.atlas.plugins.localmodel;

import ai.atlas.model.generate.SamplingOptions;
import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentAdapterFactory;
import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.AgentStep;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatOptions;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.PluginSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code agent-adapter:local}: an agent that is one call of the local model. A
 * {@code system-prompt} setting, the learned playbook and the teacher's guidance go into a system
 * message (when there are any), then the task. A task's {@code maxTokens} shortens the answer
 * below the {@code max-tokens} setting.
 */
public final class LocalAgentAdapterFactory implements AgentAdapterFactory {

  @Override
  public String type() {
    return "local";
  }

  @Override
  public AgentAdapter create(PluginSettings settings) {
    SamplingOptions sampling = LocalSettings.sampling(settings);
    LocalChatModel model = new LocalChatModel(LocalSettings.model(settings), sampling);
    String systemPrompt = settings.get("system-prompt").orElse("");
    return task -> {
      List<ChatMessage> messages = new ArrayList<>();
      StringBuilder system = new StringBuilder(systemPrompt);
      if (!task.playbook().isEmpty()) {
        system.append(system.isEmpty() ? "" : "\n").append("What worked on similar tasks:");
        task.playbook().forEach(entry -> system.append("\n- ").append(entry));
      }
      if (task.guidance() != null && !task.guidance().isBlank()) {
        system.append(system.isEmpty() ? "" : "\n").append("Guidance: ").append(task.guidance());
      }
      if (!system.isEmpty()) {
        messages.add(ChatMessage.system(system.toString()));
      }
      messages.add(ChatMessage.user(task.task()));
      ChatRequest request = ChatRequest.of(messages);
      if (task.maxTokens() != null) {
        // the profile's cap for this call (plan, step or synthesis) can only shorten the adapter's own limit
        request = request.withOptions(ChatOptions.DEFAULTS.withMaxTokens(Math.min(task.maxTokens(), sampling.maxTokens())));
      }
      ChatResponse response = model.chat(request);
      return new AgentAnswer(response.message().content(),
          List.of(new AgentStep("local model call", response.message().content(), List.of())), List.of(), response.usage(), Map.of());
    };
  }
}
