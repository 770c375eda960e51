package ai.atlas.plugins.openai;

import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatOptions;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.ChatRole;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.TokenLogProb;
import ai.atlas.spi.TokenUsage;
import ai.atlas.spi.ToolCall;
import ai.atlas.spi.ToolDefinition;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Chat Completions wire format: requests out, responses (whole or streamed chunks) in. */
final class ChatCompletionsJson {

  private ChatCompletionsJson() {}

  static String request(OpenAiSettings settings, ChatRequest request, boolean stream) {
    JsonObjectBuilder body = Json.createObjectBuilder().add("model", settings.model());
    JsonArrayBuilder messages = Json.createArrayBuilder();
    request.messages().forEach(m -> messages.add(message(m)));
    body.add("messages", messages);
    if (!request.tools().isEmpty()) {
      JsonArrayBuilder tools = Json.createArrayBuilder();
      for (ToolDefinition tool : request.tools()) {
        tools.add(Json.createObjectBuilder().add("type", "function").add("function", Json.createObjectBuilder()
            .add("name", tool.name())
            .add("description", tool.description() == null ? "" : tool.description())
            .add("parameters", parse(tool.parametersSchema(), "the parameters schema of tool " + tool.name()))));
      }
      body.add("tools", tools);
    }
    if (request.toolChoice() != null && !request.toolChoice().isBlank()) {
      body.add("tool_choice", toolChoice(request.toolChoice()));
    }
    ChatOptions options = request.options();
    addNumber(body, "temperature", first(options.temperature(), settings.temperature()));
    addNumber(body, "top_p", first(options.topP(), settings.topP()));
    Integer maxTokens = first(options.maxTokens(), settings.maxTokens());
    if (maxTokens != null) {
      body.add("max_tokens", maxTokens);
    }
    List<String> stop = options.stop().isEmpty() ? settings.stop() : options.stop();
    if (!stop.isEmpty()) {
      JsonArrayBuilder sequences = Json.createArrayBuilder();
      stop.forEach(sequences::add);
      body.add("stop", sequences);
    }
    Long seed = first(options.seed(), settings.seed());
    if (seed != null) {
      body.add("seed", seed);
    }
    if (settings.reasoningEffort() != null) {
      body.add("reasoning_effort", settings.reasoningEffort());
    }
    if (options.jsonResponse() || settings.jsonResponse()) {
      body.add("response_format", Json.createObjectBuilder().add("type", "json_object"));
    }
    if (options.topLogprobs() != null) {
      body.add("logprobs", true);
      if (options.topLogprobs() > 0) {
        body.add("top_logprobs", options.topLogprobs());
      }
    }
    if (stream) {
      body.add("stream", true).add("stream_options", Json.createObjectBuilder().add("include_usage", true));
    }
    return body.build().toString();
  }

  private static JsonObject message(ChatMessage m) {
    JsonObjectBuilder json = Json.createObjectBuilder().add("role", m.role().name().toLowerCase(Locale.ROOT));
    if (m.role() == ChatRole.ASSISTANT && !m.toolCalls().isEmpty()) {
      JsonArrayBuilder calls = Json.createArrayBuilder();
      for (ToolCall call : m.toolCalls()) {
        calls.add(Json.createObjectBuilder().add("id", call.id() == null ? "" : call.id()).add("type", "function")
            .add("function", Json.createObjectBuilder().add("name", call.name()).add("arguments", call.arguments())));
      }
      json.add("tool_calls", calls);
      if (m.content().isEmpty()) {
        json.addNull("content");
      } else {
        json.add("content", m.content());
      }
    } else {
      json.add("content", m.content());
    }
    if (m.role() == ChatRole.TOOL && m.toolCallId() != null) {
      json.add("tool_call_id", m.toolCallId());
    }
    return json.build();
  }

  /** A whole (non-streamed) response. */
  static ChatResponse response(String body) {
    JsonObject json = parse(body, "the response");
    try {
      JsonObject choice = json.getJsonArray("choices").getJsonObject(0);
      JsonObject message = choice.getJsonObject("message");
      String content = message.isNull("content") || !message.containsKey("content") ? "" : message.getString("content");
      List<ToolCall> calls = new ArrayList<>();
      if (message.containsKey("tool_calls") && !message.isNull("tool_calls")) {
        for (JsonValue value : message.getJsonArray("tool_calls")) {
          JsonObject call = value.asJsonObject();
          JsonObject function = call.getJsonObject("function");
          calls.add(new ToolCall(call.getString("id", null), function.getString("name"), function.getString("arguments", "{}")));
        }
      }
      return new ChatResponse(
          new ChatMessage(ChatRole.ASSISTANT, content, calls, null),
          usage(json),
          logprobs(choice),
          choice.isNull("finish_reason") ? null : choice.getString("finish_reason", null));
    } catch (RuntimeException e) {
      throw new PluginException("the response does not have the Chat Completions shape: " + e.getMessage(), false, e);
    }
  }

  static TokenUsage usage(JsonObject json) {
    if (!json.containsKey("usage") || json.isNull("usage")) {
      return TokenUsage.ZERO;
    }
    JsonObject usage = json.getJsonObject("usage");
    return new TokenUsage(usage.getJsonNumber("prompt_tokens").longValue(), usage.getJsonNumber("completion_tokens").longValue());
  }

  static List<TokenLogProb> logprobs(JsonObject choice) {
    if (!choice.containsKey("logprobs") || choice.isNull("logprobs")) {
      return List.of();
    }
    JsonObject logprobs = choice.getJsonObject("logprobs");
    if (!logprobs.containsKey("content") || logprobs.isNull("content")) {
      return List.of();
    }
    List<TokenLogProb> tokens = new ArrayList<>();
    for (JsonValue value : logprobs.getJsonArray("content")) {
      tokens.add(tokenLogProb(value.asJsonObject()));
    }
    return tokens;
  }

  private static TokenLogProb tokenLogProb(JsonObject json) {
    List<TokenLogProb> top = new ArrayList<>();
    if (json.containsKey("top_logprobs") && !json.isNull("top_logprobs")) {
      for (JsonValue alternative : json.getJsonArray("top_logprobs")) {
        JsonObject a = alternative.asJsonObject();
        top.add(new TokenLogProb(a.getString("token"), a.getJsonNumber("logprob").doubleValue(), List.of()));
      }
    }
    return new TokenLogProb(json.getString("token"), json.getJsonNumber("logprob").doubleValue(), top);
  }

  /** The message of an error answer ({@code {"error": {"message": ...}}}), or the body's start. */
  static String errorMessage(String body) {
    try {
      JsonObject json = Json.createReader(new StringReader(body)).readObject();
      JsonValue error = json.get("error");
      if (error instanceof JsonObject object && object.get("message") instanceof JsonString message) {
        return message.getString();
      }
      if (error instanceof JsonString message) {
        return message.getString();
      }
    } catch (JsonException | IllegalStateException e) {
      // not JSON: fall through
    }
    String trimmed = body.strip();
    return trimmed.length() > 300 ? trimmed.substring(0, 300) + "…" : trimmed;
  }

  /** {@code "auto"}, {@code "none"} and {@code "required"} as strings (bare or JSON-quoted), an object naming a function as it is. */
  private static JsonValue toolChoice(String text) {
    String value = text.strip();
    if (value.startsWith("{")) {
      return parse(value, "tool_choice");
    }
    return Json.createValue(value.replace("\"", ""));
  }

  static JsonObject parse(String text, String what) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new PluginException(what + " is not a JSON object: " + e.getMessage(), false, e);
    }
  }

  static JsonArray array(JsonObject json, String key) {
    return json.containsKey(key) && !json.isNull(key) ? json.getJsonArray(key) : JsonValue.EMPTY_JSON_ARRAY;
  }

  private static <T> T first(T a, T b) {
    return a != null ? a : b;
  }

  private static void addNumber(JsonObjectBuilder body, String key, Double value) {
    if (value != null) {
      body.add(key, value);
    }
  }
}
