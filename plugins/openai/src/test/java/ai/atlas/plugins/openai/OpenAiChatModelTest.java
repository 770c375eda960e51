package ai.atlas.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.AgentTask;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatOptions;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import ai.atlas.spi.TokenUsage;
import ai.atlas.spi.ToolCall;
import ai.atlas.spi.ToolDefinition;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plugin against a local server that answers with the shapes the real API sends. */
class OpenAiChatModelTest {

  private static final String PLAIN = """
      {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
       "choices":[{"index":0,"message":{"role":"assistant","content":"42","refusal":null},"logprobs":null,"finish_reason":"stop"}],
       "usage":{"prompt_tokens":12,"completion_tokens":1,"total_tokens":13},"system_fingerprint":"fp_1"}""";

  private FakeChatServer server;
  private final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new FakeChatServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ChatModel model(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(Map.of("base-url", server.baseUrl(), "model", "gpt-4o-mini", "max-retries", "2"));
    values.putAll(extra);
    PluginSettings settings = new PluginSettings() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
      }

      @Override
      public Optional<String> secret(String name) {
        return name.equals("OPENAI_API_KEY") ? Optional.of("sk-test-secret") : Optional.empty();
      }

      @Override
      public Optional<ai.atlas.spi.ChatModel> chatModel(String name) {
        return Optional.empty();
      }
    };
    return new OpenAiChatModel(new ChatCompletionsClient(OpenAiSettings.from(settings), waits::add));
  }

  private static ChatRequest ask(String question) {
    return ChatRequest.of(List.of(ChatMessage.system("be brief"), ChatMessage.user(question)));
  }

  private JsonObject sent(int i) {
    return Json.createReader(new StringReader(server.received.get(i).body())).readObject();
  }

  @Test
  void aPlainCompletion() {
    server.reply(200, PLAIN);

    ChatResponse response = model(Map.of("temperature", "0.2")).chat(ask("6*7?"));

    assertThat(response.message().content()).isEqualTo("42");
    assertThat(response.usage()).isEqualTo(new TokenUsage(12, 1));
    assertThat(response.finishReason()).isEqualTo("stop");
    assertThat(server.received.get(0).authorization()).isEqualTo("Bearer sk-test-secret");
    JsonObject body = sent(0);
    assertThat(body.getString("model")).isEqualTo("gpt-4o-mini");
    assertThat(body.getJsonNumber("temperature").doubleValue()).isEqualTo(0.2);
    assertThat(body.getJsonArray("messages").getJsonObject(1).getString("role")).isEqualTo("user");
    assertThat(body.containsKey("stream")).isFalse();
  }

  @Test
  void logProbsAreAskedForAndReturnedPerToken() {
    server.reply(200, """
        {"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"gpt-4o-mini",
         "choices":[{"index":0,"message":{"role":"assistant","content":"42"},"finish_reason":"stop",
           "logprobs":{"content":[
             {"token":"4","logprob":-0.01,"bytes":[52],"top_logprobs":[{"token":"4","logprob":-0.01,"bytes":[52]},{"token":"5","logprob":-4.6,"bytes":[53]}]},
             {"token":"2","logprob":-0.002,"bytes":[50],"top_logprobs":[{"token":"2","logprob":-0.002,"bytes":[50]},{"token":"3","logprob":-6.1,"bytes":[51]}]}],
           "refusal":null}}],
         "usage":{"prompt_tokens":12,"completion_tokens":2,"total_tokens":14}}""");

    ChatResponse response = model(Map.of()).chat(ask("6*7?").withOptions(ChatOptions.DEFAULTS.withTopLogprobs(2).withSeed(7L)));

    assertThat(response.logprobs()).extracting(t -> t.token()).containsExactly("4", "2");
    assertThat(response.logprobs().get(0).logprob()).isEqualTo(-0.01);
    assertThat(response.logprobs().get(0).top()).extracting(t -> t.token()).containsExactly("4", "5");
    assertThat(sent(0).getBoolean("logprobs")).isTrue();
    assertThat(sent(0).getInt("top_logprobs")).isEqualTo(2);
    assertThat(sent(0).getInt("seed")).isEqualTo(7);
  }

  @Test
  void aStreamedCompletionWithToolCallFragmentsAndAUsageChunk() {
    String chunk = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[%s],\"usage\":%s}\n\n";
    String stream = chunk.formatted("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Let me check.\"},\"finish_reason\":null}", "null")
        + chunk.formatted("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}", "null")
        + chunk.formatted("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]},\"finish_reason\":null}", "null")
        + chunk.formatted("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}]},\"finish_reason\":null}", "null")
        + chunk.formatted("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\": \\\"Paris\\\"}\"}}]},\"finish_reason\":null}", "null")
        + chunk.formatted("{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}", "null")
        + chunk.formatted("", "{\"prompt_tokens\":20,\"completion_tokens\":15,\"total_tokens\":35}")
        + "data: [DONE]\n\n";
    server.reply(200, Map.of("Content-Type", "text/event-stream"), stream, 0);
    List<String> pieces = new ArrayList<>();
    ChatRequest request = new ChatRequest(List.of(ChatMessage.user("weather in Paris?")),
        List.of(new ToolDefinition("get_weather", "current weather", "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}")),
        ChatOptions.DEFAULTS);

    ChatResponse response = model(Map.of()).stream(request, pieces::add);

    assertThat(pieces).containsExactly("Let me check.");
    assertThat(response.message().content()).isEqualTo("Let me check.");
    assertThat(response.message().toolCalls()).containsExactly(
        new ToolCall("call_a", "get_weather", "{\"city\": \"Paris\"}"), new ToolCall("call_b", "get_time", "{}"));
    assertThat(response.finishReason()).isEqualTo("tool_calls");
    assertThat(response.usage()).isEqualTo(new TokenUsage(20, 15));
    JsonObject body = sent(0);
    assertThat(body.getBoolean("stream")).isTrue();
    assertThat(body.getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
    assertThat(body.getJsonArray("tools").getJsonObject(0).getJsonObject("function").getString("name")).isEqualTo("get_weather");
  }

  @Test
  void toolResultsAndAssistantToolCallsAreSentBack() {
    server.reply(200, PLAIN);
    List<ChatMessage> history = List.of(
        ChatMessage.user("weather?"),
        new ChatMessage(ai.atlas.spi.ChatRole.ASSISTANT, "", List.of(new ToolCall("call_a", "get_weather", "{}")), null),
        ChatMessage.tool("call_a", "sunny"));

    model(Map.of()).chat(ChatRequest.of(history));

    var messages = sent(0).getJsonArray("messages");
    assertThat(messages.getJsonObject(1).isNull("content")).isTrue();
    assertThat(messages.getJsonObject(1).getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function").getString("name"))
        .isEqualTo("get_weather");
    assertThat(messages.getJsonObject(2).getString("role")).isEqualTo("tool");
    assertThat(messages.getJsonObject(2).getString("tool_call_id")).isEqualTo("call_a");
  }

  @Test
  void a429WithRetryAfterIsRetriedAfterTheAskedWait() {
    server.reply(429, Map.of("Retry-After", "7", "Content-Type", "application/json"),
            "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}", 0)
        .reply(200, PLAIN);

    assertThat(model(Map.of()).chat(ask("q")).message().content()).isEqualTo("42");
    assertThat(waits).containsExactly(Duration.ofSeconds(7));
    assertThat(server.received).hasSize(2);
  }

  @Test
  void a500IsRetriedWithBackOffThenSucceeds() {
    server.reply(500, "{\"error\":{\"message\":\"The server had an error\"}}").reply(503, "overloaded").reply(200, PLAIN);

    assertThat(model(Map.of("first-backoff-ms", "100")).chat(ask("q")).message().content()).isEqualTo("42");
    assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void retriesRunOutWithTheLastStatusAndMessage() {
    server.reply(500, "{\"error\":{\"message\":\"boom\"}}").reply(500, "{\"error\":{\"message\":\"boom\"}}")
        .reply(502, "{\"error\":{\"message\":\"bad gateway\"}}");

    assertThatThrownBy(() -> model(Map.of()).chat(ask("q")))
        .isInstanceOf(PluginException.class)
        .hasMessage(server.baseUrl() + "/chat/completions answered 502: bad gateway (after 3 attempts)")
        .matches(e -> ((PluginException) e).isRetryable());
  }

  @Test
  void otherClientErrorsFailAtOnceWithTheServersMessage() {
    server.reply(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");

    assertThatThrownBy(() -> model(Map.of()).chat(ask("q")))
        .isInstanceOf(PluginException.class)
        .hasMessage(server.baseUrl() + "/chat/completions answered 401: Incorrect API key provided")
        .matches(e -> !((PluginException) e).isRetryable());
    assertThat(server.received).hasSize(1);
  }

  @Test
  void aMalformedBodyIsAClearError() {
    server.reply(200, "{\"id\": \"x\", \"choices\": [");

    assertThatThrownBy(() -> model(Map.of()).chat(ask("q")))
        .isInstanceOf(PluginException.class).hasMessageContaining("the response is not a JSON object");

    server.reply(200, "{\"object\": \"list\", \"data\": []}");
    assertThatThrownBy(() -> model(Map.of()).chat(ask("q")))
        .isInstanceOf(PluginException.class).hasMessageContaining("does not have the Chat Completions shape");
  }

  @Test
  void aServerThatDoesNotAnswerInTimeTimesOut() {
    server.reply(200, Map.of(), PLAIN, 3_000).reply(200, Map.of(), PLAIN, 3_000).reply(200, Map.of(), PLAIN, 3_000);

    assertThatThrownBy(() -> model(Map.of("timeout-seconds", "1")).chat(ask("q")))
        .isInstanceOf(PluginException.class)
        .hasMessage(server.baseUrl() + "/chat/completions did not answer within 1 s (after 3 attempts)");
  }

  @Test
  void settingsAreCheckedAndTheKeyNeverPrinted() {
    assertThatThrownBy(() -> model(Map.of("base-url", "ftp://x"))).hasMessageContaining("must be an http or https URL");
    assertThatThrownBy(() -> model(Map.of("temperature", "warm"))).hasMessageContaining("'temperature' must be a number");
    PluginSettings noModel = new PluginSettings() {
      public Optional<String> get(String key) { return Optional.empty(); }
      public Optional<String> secret(String name) { return Optional.of("sk-test-secret"); }
      public Optional<ChatModel> chatModel(String name) { return Optional.empty(); }
    };
    assertThatThrownBy(() -> OpenAiSettings.from(noModel)).hasMessage("the setting 'model' is required");
    PluginSettings withModel = new PluginSettings() {
      public Optional<String> get(String key) { return key.equals("model") ? Optional.of("m") : Optional.empty(); }
      public Optional<String> secret(String name) { return Optional.of("sk-test-secret"); }
      public Optional<ChatModel> chatModel(String name) { return Optional.empty(); }
    };
    assertThat(OpenAiSettings.from(withModel).toString()).contains("key set").doesNotContain("sk-test-secret");
  }

  @Test
  void theAgentAdapterAsksWithPlaybookAndGuidance() {
    server.reply(200, PLAIN);
    OpenAiChatModel model = (OpenAiChatModel) model(Map.of());

    AgentAnswer answer = OpenAiAgentAdapterFactory.answer(model, "You solve arithmetic.",
        new AgentTask("6*7?", "multiply, do not add", List.of("check the operator"), Map.of()), null);

    assertThat(answer.answer()).isEqualTo("42");
    assertThat(answer.usage()).isEqualTo(new TokenUsage(12, 1));
    String system = sent(0).getJsonArray("messages").getJsonObject(0).getString("content");
    assertThat(system).contains("You solve arithmetic.").contains("- check the operator").contains("Guidance for this attempt: multiply, do not add");
  }

  @Test
  void theAgentAdapterSendsTheTasksTokenCapBelowItsOwn() {
    server.reply(200, PLAIN);
    server.reply(200, PLAIN);
    server.reply(200, PLAIN);
    OpenAiChatModel model = (OpenAiChatModel) model(Map.of());
    AgentTask task = AgentTask.of("6*7?");

    OpenAiAgentAdapterFactory.answer(model, "s", task.withMaxTokens(40), 100);
    OpenAiAgentAdapterFactory.answer(model, "s", task.withMaxTokens(400), 100);
    OpenAiAgentAdapterFactory.answer(model, "s", task, null);

    assertThat(sent(0).getInt("max_tokens")).isEqualTo(40);
    assertThat(sent(1).getInt("max_tokens")).isEqualTo(100);
    assertThat(sent(2).containsKey("max_tokens")).isFalse();
  }

  @Test
  void extraHeadersAnotherKeyHeaderReasoningEffortAndJsonAnswersAreSent() {
    server.reply(200, PLAIN);
    server.reply(200, PLAIN);

    model(Map.of("headers", "OpenAI-Organization: org-7 | X-Team: secret:OPENAI_API_KEY", "reasoning-effort", "low",
        "json-response", "true")).chat(ask("6*7?"));
    model(Map.of("api-key-header", "api-key")).chat(ask("6*7?"));

    FakeChatServer.Received first = server.received.get(0);
    assertThat(first.header("OpenAI-Organization")).isEqualTo("org-7");
    assertThat(first.header("X-Team")).isEqualTo("sk-test-secret");
    assertThat(first.authorization()).isEqualTo("Bearer sk-test-secret");
    assertThat(sent(0).getString("reasoning_effort")).isEqualTo("low");
    assertThat(sent(0).getJsonObject("response_format").getString("type")).isEqualTo("json_object");
    FakeChatServer.Received azure = server.received.get(1);
    assertThat(azure.header("api-key")).isEqualTo("sk-test-secret");
    assertThat(azure.authorization()).isNull();
    assertThat(sent(1).containsKey("reasoning_effort")).isFalse();
    assertThatThrownBy(() -> model(Map.of("reasoning-effort", "max"))).hasMessageContaining("'reasoning-effort' must be low, medium or high");
  }
}
