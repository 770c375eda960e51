package ai.atlas.spi;

import java.util.List;
import java.util.Objects;

/**
 * One message of a chat.
 *
 * @param role who speaks
 * @param content the text; may be empty for an assistant message that only calls tools
 * @param toolCalls the tools an assistant message calls (empty otherwise)
 * @param toolCallId for a {@link ChatRole#TOOL} message, the id of the call it answers
 */
public record ChatMessage(ChatRole role, String content, List<ToolCall> toolCalls, String toolCallId) {

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    content = content == null ? "" : content;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public static ChatMessage system(String content) {
    return new ChatMessage(ChatRole.SYSTEM, content, List.of(), null);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage(ChatRole.USER, content, List.of(), null);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage(ChatRole.ASSISTANT, content, List.of(), null);
  }

  /** The answer of a tool to the call with this id. */
  public static ChatMessage tool(String toolCallId, String content) {
    return new ChatMessage(ChatRole.TOOL, content, List.of(), toolCallId);
  }
}
