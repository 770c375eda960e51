package ai.atlas.web.interfaces.gateway;

import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatRole;
import ai.atlas.spi.ToolCall;
import ai.atlas.spi.ToolDefinition;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code POST /v1/chat/completions} body, checked as OpenAI checks it: a bad field is a 400
 * naming it in {@code param}. Sampling fields ({@code temperature}, {@code max_tokens}...) are
 * accepted and left to the profile, which decides how its models sample.
 *
 * @param task the last user message's text: what the session is about
 * @param conversation every message, in order, as the agent's chat model will see it
 */
record ChatCompletionRequest(String model, String task, List<ChatMessage> conversation, List<ToolDefinition> tools,
    String toolChoice, boolean stream, boolean includeUsage, String user, Map<String, String> metadata) {

  static ChatCompletionRequest parse(JsonObject body) {
    String model = string(body, "model", true);
    JsonValue messagesValue = body.get("messages");
    if (!(messagesValue instanceof JsonArray messages) || messages.isEmpty()) {
      throw OpenAiError.invalid("'messages' must be a non-empty array of messages", "messages");
    }
    List<ChatMessage> conversation = new ArrayList<>();
    String task = null;
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage message = message(messages.get(i), "messages[" + i + "]");
      conversation.add(message);
      if (message.role() == ChatRole.USER) {
        task = message.content();
      }
    }
    if (task == null || task.isBlank()) {
      throw OpenAiError.invalid("'messages' must contain a user message with text: it is the task", "messages");
    }
    if (body.containsKey("n") && !body.isNull("n") && !(body.get("n") instanceof jakarta.json.JsonNumber n && n.intValue() == 1)) {
      throw OpenAiError.invalid("only n=1 is supported: a call is one supervised session", "n");
    }
    boolean stream = bool(body, "stream");
    boolean includeUsage = false;
    if (body.containsKey("stream_options") && !body.isNull("stream_options")) {
      if (!(body.get("stream_options") instanceof JsonObject options)) {
        throw OpenAiError.invalid("'stream_options' must be an object", "stream_options");
      }
      includeUsage = bool(options, "include_usage");
    }
    return new ChatCompletionRequest(model, task, List.copyOf(conversation), tools(body), toolChoice(body), stream, includeUsage,
        string(body, "user", false), metadata(body));
  }

  private static ChatMessage message(JsonValue value, String where) {
    if (!(value instanceof JsonObject m)) {
      throw OpenAiError.invalid(where + " must be an object", where);
    }
    String role = string(m, "role", true, where + ".role");
    String content = content(m.get("content"), where + ".content");
    return switch (role) {
      case "system", "developer" -> ChatMessage.system(content);
      case "user" -> ChatMessage.user(content);
      case "assistant" -> new ChatMessage(ChatRole.ASSISTANT, content, toolCalls(m, where), null);
      case "tool" -> ChatMessage.tool(string(m, "tool_call_id", true, where + ".tool_call_id"), content);
      default -> throw OpenAiError.invalid(where + ".role must be system, developer, user, assistant or tool, not '" + role + "'",
          where + ".role");
    };
  }

  /** A string, or an array of parts of which the text parts count; null for an assistant message that only calls tools. */
  private static String content(JsonValue value, String where) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return "";
    }
    if (value instanceof JsonString text) {
      return text.getString();
    }
    if (value instanceof JsonArray parts) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < parts.size(); i++) {
        if (!(parts.get(i) instanceof JsonObject part) || !(part.get("type") instanceof JsonString type)) {
          throw OpenAiError.invalid(where + "[" + i + "] must be a content part with a type", where);
        }
        if (!type.getString().equals("text")) {
          throw OpenAiError.invalid(where + "[" + i + "]: only text content parts are supported, not '" + type.getString() + "'", where);
        }
        text.append(string(part, "text", true, where + "[" + i + "].text"));
      }
      return text.toString();
    }
    throw OpenAiError.invalid(where + " must be a string or an array of content parts", where);
  }

  private static List<ToolCall> toolCalls(JsonObject message, String where) {
    JsonValue value = message.get("tool_calls");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (!(value instanceof JsonArray calls)) {
      throw OpenAiError.invalid(where + ".tool_calls must be an array", where + ".tool_calls");
    }
    List<ToolCall> out = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      String at = where + ".tool_calls[" + i + "]";
      if (!(calls.get(i) instanceof JsonObject call) || !(call.get("function") instanceof JsonObject function)) {
        throw OpenAiError.invalid(at + " must be an object with a function", at);
      }
      out.add(new ToolCall(string(call, "id", true, at + ".id"), string(function, "name", true, at + ".function.name"),
          string(function, "arguments", false, at + ".function.arguments")));
    }
    return out;
  }

  private static List<ToolDefinition> tools(JsonObject body) {
    JsonValue value = body.get("tools");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (!(value instanceof JsonArray tools)) {
      throw OpenAiError.invalid("'tools' must be an array", "tools");
    }
    List<ToolDefinition> out = new ArrayList<>();
    for (int i = 0; i < tools.size(); i++) {
      String at = "tools[" + i + "]";
      if (!(tools.get(i) instanceof JsonObject tool) || !"function".equals(tool.getString("type", "function"))
          || !(tool.get("function") instanceof JsonObject function)) {
        throw OpenAiError.invalid(at + " must be {\"type\": \"function\", \"function\": {...}}", at);
      }
      String parameters = null;
      if (function.get("parameters") instanceof JsonObject schema) {
        parameters = schema.toString();
      } else if (function.containsKey("parameters") && !function.isNull("parameters")) {
        throw OpenAiError.invalid(at + ".function.parameters must be a JSON Schema object", at + ".function.parameters");
      }
      out.add(new ToolDefinition(string(function, "name", true, at + ".function.name"), string(function, "description", false,
          at + ".function.description"), parameters));
    }
    return out;
  }

  private static String toolChoice(JsonObject body) {
    JsonValue value = body.get("tool_choice");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString choice) {
      if (!List.of("auto", "none", "required").contains(choice.getString())) {
        throw OpenAiError.invalid("'tool_choice' must be auto, none, required or an object naming a function", "tool_choice");
      }
      return choice.getString();
    }
    if (value instanceof JsonObject choice && choice.get("function") instanceof JsonObject function
        && function.get("name") instanceof JsonString) {
      return choice.toString();
    }
    throw OpenAiError.invalid("'tool_choice' must be auto, none, required or an object naming a function", "tool_choice");
  }

  /** OpenAI's metadata: string values; other scalars are kept as their JSON text. */
  private static Map<String, String> metadata(JsonObject body) {
    JsonValue value = body.get("metadata");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Map.of();
    }
    if (!(value instanceof JsonObject object)) {
      throw OpenAiError.invalid("'metadata' must be an object of strings", "metadata");
    }
    Map<String, String> out = new LinkedHashMap<>();
    object.forEach((key, v) -> out.put(key, v instanceof JsonString s ? s.getString() : v.toString()));
    return out;
  }

  private static String string(JsonObject object, String field, boolean required) {
    return string(object, field, required, field);
  }

  private static String string(JsonObject object, String field, boolean required, String param) {
    JsonValue value = object.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        throw OpenAiError.invalid("'" + param + "' is required", param);
      }
      return null;
    }
    if (!(value instanceof JsonString text)) {
      throw OpenAiError.invalid("'" + param + "' must be a string", param);
    }
    if (required && text.getString().isBlank()) {
      throw OpenAiError.invalid("'" + param + "' must not be empty", param);
    }
    return text.getString();
  }

  private static boolean bool(JsonObject object, String field) {
    JsonValue value = object.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return false;
    }
    if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
      return value.getValueType() == JsonValue.ValueType.TRUE;
    }
    throw OpenAiError.invalid("'" + field + "' must be true or false", field);
  }
}
