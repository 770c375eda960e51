package ai.atlas.plugins.openai;

import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentAdapterFactory;
import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.AgentStep;
import ai.atlas.spi.AgentTask;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.ChatRole;
import ai.atlas.spi.PluginSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code agent-adapter:openai}: an agent that is one model call, for teams whose "agent" is a
 * prompt. The system prompt ({@code system-prompt} setting) comes first, then the learned playbook
 * and the teacher's guidance, then the task; a task's {@code maxTokens} is sent as the request's
 * {@code max_tokens} (below the adapter's own). Takes the settings of {@code chat-model:openai}.
 */
public final class OpenAiAgentAdapterFactory implements AgentAdapterFactory {

  @Override
  public String type() {
    return "openai";
  }

  @Override
  public AgentAdapter create(PluginSettings settings) {
    OpenAiChatModel model = new OpenAiChatModel(new ChatCompletionsClient(OpenAiSettings.from(settings), d -> Thread.sleep(d.toMillis())));
    String systemPrompt = settings.get("system-prompt").orElse("You are a careful assistant. Answer the task.");
    Integer ownLimit = OpenAiSettings.from(settings).maxTokens();
    return task -> answer(model, systemPrompt, task, ownLimit);
  }

  static AgentAnswer answer(OpenAiChatModel model, String systemPrompt, AgentTask task, Integer ownLimit) {
    List<ChatMessage> messages = new ArrayList<>();
    StringBuilder system = new StringBuilder(systemPrompt);
    if (!task.playbook().isEmpty()) {
      system.append("\n\nWhat worked on similar tasks:");
      task.playbook().forEach(entry -> system.append("\n- ").append(entry));
    }
    if (task.guidance() != null && !task.guidance().isBlank()) {
      system.append("\n\nGuidance for this attempt: ").append(task.guidance());
    }
    if (task.conversation().isEmpty()) {
      messages.add(ChatMessage.system(system.toString()));
      messages.add(ChatMessage.user(task.task()));
    } else {
      // the caller's own chat (through the gateway): its system messages join ours, its turns follow as they were
      task.conversation().stream().filter(m -> m.role() == ChatRole.SYSTEM)
          .forEach(m -> system.append("\n\n").append(m.content()));
      messages.add(ChatMessage.system(system.toString()));
      task.conversation().stream().filter(m -> m.role() != ChatRole.SYSTEM).forEach(messages::add);
    }
    ChatRequest request = ChatRequest.of(messages).withTools(task.tools(), task.toolChoice());
    if (task.maxTokens() != null) {
      // the profile's cap for this call can only shorten the adapter's own max-tokens
      request = request.withOptions(request.options().withMaxTokens(ownLimit == null ? task.maxTokens() : Math.min(ownLimit, task.maxTokens())));
    }
    ChatResponse response = model.chat(request);
    AgentStep step = new AgentStep("model call", response.message().content(), response.message().toolCalls());
    return new AgentAnswer(response.message().content(), List.of(step), response.message().toolCalls(), response.usage(), Map.of());
  }
}
