package ai.atlas.spi;

import java.util.List;

/** What a chat model is asked: the conversation so far, the tools it may call, how to sample. */
public record ChatRequest(List<ChatMessage> messages, List<ToolDefinition> tools, ChatOptions options) {

  public ChatRequest {
    if (messages == null || messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    messages = List.copyOf(messages);
    tools = tools == null ? List.of() : List.copyOf(tools);
    options = options == null ? ChatOptions.DEFAULTS : options;
  }

  public static ChatRequest of(List<ChatMessage> messages) {
    return new ChatRequest(messages, List.of(), ChatOptions.DEFAULTS);
  }

  public ChatRequest withOptions(ChatOptions value) {
    return new ChatRequest(messages, tools, value);
  }
}
