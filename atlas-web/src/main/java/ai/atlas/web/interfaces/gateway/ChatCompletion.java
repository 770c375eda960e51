package ai.atlas.web.interfaces.gateway;

import ai.atlas.core.common.Json;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.SessionStep;
import ai.atlas.spi.ToolCall;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished session as OpenAI's chat completion: the supervised final answer as the assistant's
 * message, the tool calls of the last step (finish reason {@code tool_calls}), the session's tokens
 * as the usage, and its id in the completion's id. Also the same answer as stream chunks.
 */
record ChatCompletion(long sessionId, String model, long created, String content, List<ToolCall> toolCalls, long promptTokens,
    long completionTokens) {

  static ChatCompletion of(AgentSession session, String model) {
    List<ToolCall> calls = new ArrayList<>();
    List<SessionStep> steps = session.getSteps();
    if (!steps.isEmpty() && steps.get(steps.size() - 1).getToolCalls().isPresent()) {
      if (Json.parse(steps.get(steps.size() - 1).getToolCalls().get()) instanceof JsonArray stored) {
        for (JsonObject call : stored.getValuesAs(JsonObject.class)) {
          calls.add(new ToolCall(text(call, "id"), text(call, "name"), text(call, "arguments")));
        }
      }
    }
    return new ChatCompletion(session.getId(), model, session.getCreatedAt().getEpochSecond(), session.getFinalAnswer().orElse(""),
        List.copyOf(calls), session.getPromptTokens(), session.getCompletionTokens());
  }

  private static String text(JsonObject object, String field) {
    return object.get(field) instanceof JsonString s ? s.getString() : null;
  }

  String id() {
    return "chatcmpl-atlas-" + sessionId;
  }

  String finishReason() {
    return toolCalls.isEmpty() ? "stop" : "tool_calls";
  }

  JsonObject toJson() {
    JsonObjectBuilder message = jakarta.json.Json.createObjectBuilder().add("role", "assistant");
    if (content.isEmpty() && !toolCalls.isEmpty()) {
      message.addNull("content");
    } else {
      message.add("content", content);
    }
    if (!toolCalls.isEmpty()) {
      message.add("tool_calls", toolCallsJson(false));
    }
    message.addNull("refusal");
    return head("chat.completion")
        .add("choices", jakarta.json.Json.createArrayBuilder().add(jakarta.json.Json.createObjectBuilder().add("index", 0)
            .add("message", message).addNull("logprobs").add("finish_reason", finishReason())))
        .add("usage", usage()).build();
  }

  /** The stream: the role, the content, the tool calls, the finish reason, then (when asked) the usage with no choices. */
  List<JsonObject> chunks(boolean includeUsage) {
    List<JsonObject> chunks = new ArrayList<>();
    chunks.add(chunk(jakarta.json.Json.createObjectBuilder().add("role", "assistant").add("content", ""), null, includeUsage));
    if (!content.isEmpty()) {
      chunks.add(chunk(jakarta.json.Json.createObjectBuilder().add("content", content), null, includeUsage));
    }
    if (!toolCalls.isEmpty()) {
      chunks.add(chunk(jakarta.json.Json.createObjectBuilder().add("tool_calls", toolCallsJson(true)), null, includeUsage));
    }
    chunks.add(chunk(jakarta.json.Json.createObjectBuilder(), finishReason(), includeUsage));
    if (includeUsage) {
      chunks.add(head("chat.completion.chunk").add("choices", jakarta.json.JsonValue.EMPTY_JSON_ARRAY).add("usage", usage()).build());
    }
    return chunks;
  }

  private JsonObject chunk(JsonObjectBuilder delta, String finishReason, boolean includeUsage) {
    JsonObjectBuilder choice = jakarta.json.Json.createObjectBuilder().add("index", 0).add("delta", delta).addNull("logprobs");
    if (finishReason == null) {
      choice.addNull("finish_reason");
    } else {
      choice.add("finish_reason", finishReason);
    }
    JsonObjectBuilder chunk = head("chat.completion.chunk").add("choices", jakarta.json.Json.createArrayBuilder().add(choice));
    if (includeUsage) {
      chunk.addNull("usage");
    }
    return chunk.build();
  }

  private JsonObjectBuilder head(String object) {
    return jakarta.json.Json.createObjectBuilder().add("id", id()).add("object", object).add("created", created).add("model", model)
        .add("system_fingerprint", "atlas");
  }

  private JsonArrayBuilder toolCallsJson(boolean indexed) {
    JsonArrayBuilder out = jakarta.json.Json.createArrayBuilder();
    for (int i = 0; i < toolCalls.size(); i++) {
      ToolCall call = toolCalls.get(i);
      JsonObjectBuilder one = jakarta.json.Json.createObjectBuilder();
      if (indexed) {
        one.add("index", i);
      }
      one.add("id", call.id() == null ? "call_" + sessionId + "_" + i : call.id()).add("type", "function")
          .add("function", jakarta.json.Json.createObjectBuilder().add("name", call.name()).add("arguments", call.arguments()));
      out.add(one);
    }
    return out;
  }

  private JsonObject usage() {
    return jakarta.json.Json.createObjectBuilder().add("prompt_tokens", promptTokens).add("completion_tokens", completionTokens)
        .add("total_tokens", promptTokens + completionTokens).build();
  }
}
