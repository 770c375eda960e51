package ai.atlas.spi;

import java.util.List;

/**
 * What a chat model is asked: the conversation so far, the tools it may call, how to sample.
 *
 * @param toolChoice how the model must use the tools, as the OpenAI API's {@code tool_choice}
 *     JSON text ({@code "auto"}, {@code "none"}, {@code "required"} or an object naming a
 *     function); {@code null}: the model's default. Since SPI 1.1.
 */
public record ChatRequest(List<ChatMessage> messages, List<ToolDefinition> tools, ChatOptions options, String toolChoice) {

  public ChatRequest {
    if (messages == null || messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    messages = List.copyOf(messages);
    tools = tools == null ? List.of() : List.copyOf(tools);
    options = options == null ? ChatOptions.DEFAULTS : options;
  }

  /** A request with the model's default tool choice (SPI 1.0's constructor). */
  public ChatRequest(List<ChatMessage> messages, List<ToolDefinition> tools, ChatOptions options) {
    this(messages, tools, options, null);
  }

  public static ChatRequest of(List<ChatMessage> messages) {
    return new ChatRequest(messages, List.of(), ChatOptions.DEFAULTS);
  }

  public ChatRequest withOptions(ChatOptions value) {
    return new ChatRequest(messages, tools, value, toolChoice);
  }

  public ChatRequest withTools(List<ToolDefinition> value, String choice) {
    return new ChatRequest(messages, value, options, choice);
  }
}
