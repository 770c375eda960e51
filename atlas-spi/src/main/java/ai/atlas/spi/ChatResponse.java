package ai.atlas.spi;

import java.util.List;
import java.util.Objects;

/**
 * A chat model's answer.
 *
 * @param message the assistant message (text and/or tool calls)
 * @param usage the tokens used
 * @param logprobs per generated token, when asked for (empty otherwise)
 * @param finishReason why generation stopped: "stop", "length", "tool_calls", ...
 */
public record ChatResponse(ChatMessage message, TokenUsage usage, List<TokenLogProb> logprobs, String finishReason) {

  public ChatResponse {
    Objects.requireNonNull(message, "message");
    usage = usage == null ? TokenUsage.ZERO : usage;
    logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
  }
}
