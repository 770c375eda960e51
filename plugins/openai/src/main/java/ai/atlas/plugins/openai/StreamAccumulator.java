package ai.atlas.plugins.openai;

import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.ChatRole;
import ai.atlas.spi.TokenLogProb;
import ai.atlas.spi.TokenUsage;
import ai.atlas.spi.ToolCall;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Joins the chunks of a streamed completion ({@code data: {...}} lines) into one response: text
 * deltas in order, tool-call fragments joined by their index (the id and name come in the first
 * fragment, the arguments in pieces), log-probs, the finish reason, and the usage chunk that
 * {@code stream_options.include_usage} adds at the end (with no choices).
 */
final class StreamAccumulator {

  private final StringBuilder text = new StringBuilder();
  private final TreeMap<Integer, ToolCallParts> toolCalls = new TreeMap<>();
  private final List<TokenLogProb> logprobs = new ArrayList<>();
  private final Consumer<String> onText;
  private TokenUsage usage = TokenUsage.ZERO;
  private String finishReason;
  private boolean done;

  private static final class ToolCallParts {
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();
  }

  StreamAccumulator(Consumer<String> onText) {
    this.onText = onText;
  }

  /** One line of the event stream; blank lines, comments and other fields are skipped. */
  void line(String line) {
    if (!line.startsWith("data:")) {
      return;
    }
    String data = line.substring(5).strip();
    if (data.equals("[DONE]")) {
      done = true;
      return;
    }
    chunk(ChatCompletionsJson.parse(data, "a stream chunk"));
  }

  private void chunk(JsonObject chunk) {
    if (chunk.containsKey("usage") && !chunk.isNull("usage")) {
      usage = ChatCompletionsJson.usage(chunk);
    }
    for (JsonValue value : ChatCompletionsJson.array(chunk, "choices")) {
      JsonObject choice = value.asJsonObject();
      if (choice.containsKey("finish_reason") && !choice.isNull("finish_reason")) {
        finishReason = choice.getString("finish_reason");
      }
      logprobs.addAll(ChatCompletionsJson.logprobs(choice));
      if (!choice.containsKey("delta") || choice.isNull("delta")) {
        continue;
      }
      JsonObject delta = choice.getJsonObject("delta");
      if (delta.containsKey("content") && !delta.isNull("content")) {
        String piece = delta.getString("content");
        if (!piece.isEmpty()) {
          text.append(piece);
          onText.accept(piece);
        }
      }
      for (JsonValue callValue : ChatCompletionsJson.array(delta, "tool_calls")) {
        JsonObject call = callValue.asJsonObject();
        ToolCallParts parts = toolCalls.computeIfAbsent(call.getInt("index", 0), i -> new ToolCallParts());
        if (call.containsKey("id") && !call.isNull("id")) {
          parts.id = call.getString("id");
        }
        if (call.containsKey("function") && !call.isNull("function")) {
          JsonObject function = call.getJsonObject("function");
          if (function.containsKey("name") && !function.isNull("name")) {
            parts.name = function.getString("name");
          }
          if (function.containsKey("arguments") && !function.isNull("arguments")) {
            parts.arguments.append(function.getString("arguments"));
          }
        }
      }
    }
  }

  boolean done() {
    return done;
  }

  ChatResponse response() {
    List<ToolCall> calls = toolCalls.values().stream()
        .map(p -> new ToolCall(p.id, p.name == null ? "" : p.name, p.arguments.isEmpty() ? "{}" : p.arguments.toString()))
        .toList();
    return new ChatResponse(new ChatMessage(ChatRole.ASSISTANT, text.toString(), calls, null), usage, logprobs, finishReason);
  }
}
