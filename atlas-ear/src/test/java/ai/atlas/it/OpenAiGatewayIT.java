package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.openai.OpenAiChatModel;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible gateway with unchanged OpenAI clients: the official OpenAI Java SDK and
 * LangChain4j, pointed at {@code /v1} with an ATLAS API key. Each call is a stored, supervised
 * session. The tool-call round trip runs through a profile whose agent is the {@code openai}
 * plugin talking to a stand-in model, and the plugin is also pointed at the gateway itself: the
 * wire format is checked from the client's and from the server's end.
 */
class OpenAiGatewayIT {

  private static final String TASK = "What is letter 7 of w, e, d, v, t, u, o, i?";

  private static String token;
  private static OpenAIClient client;
  private static HttpServer upstream;
  private static final List<JsonObject> upstreamRequests = new CopyOnWriteArrayList<>();
  private static String toolsProfile;
  private static String relayProfile;

  @BeforeAll
  static void start() throws IOException {
    token = Server.newKey("operator").authorization().substring("Bearer ".length());
    client = OpenAIOkHttpClient.builder().baseUrl(Server.baseUrl() + "/v1").apiKey(token).maxRetries(0).build();

    // a stand-in model for the agent: it calls the tool first, and answers once the tool has answered
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext("/v1/chat/completions", exchange -> {
      JsonObject request = Json.createReader(exchange.getRequestBody()).readObject();
      upstreamRequests.add(request);
      boolean toolAnswered = request.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
          .anyMatch(m -> m.getString("role").equals("tool"));
      JsonObject message = toolAnswered
          ? Json.createObjectBuilder().add("role", "assistant").add("content", "It is 21 degrees in Paris.").build()
          : Json.createObjectBuilder().add("role", "assistant").addNull("content").add("tool_calls", Json.createArrayBuilder()
              .add(Json.createObjectBuilder().add("id", "call_weather_1").add("type", "function").add("function",
                  Json.createObjectBuilder().add("name", "weather").add("arguments", "{\"city\":\"Paris\"}")))).build();
      byte[] reply = Json.createObjectBuilder().add("id", "up").add("object", "chat.completion").add("created", 1).add("model", "up")
          .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder().add("index", 0).add("message", message)
              .add("finish_reason", toolAnswered ? "stop" : "tool_calls")))
          .add("usage", Json.createObjectBuilder().add("prompt_tokens", 11).add("completion_tokens", 7).add("total_tokens", 18))
          .build().toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    });
    upstream.start();

    String marker = UUID.randomUUID().toString().substring(0, 8);
    toolsProfile = "gateway-tools-" + marker;
    putProfile(toolsProfile, agent("http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1", "stand-in", "IT_UPSTREAM_KEY"));
    // the openai plugin as the client of the gateway: a session of this profile asks demo-local through /v1
    Path secrets = Files.createDirectories(Server.serverDir().resolve("secrets"));
    Files.writeString(secrets.resolve("IT_GATEWAY_KEY"), token);
    Files.writeString(secrets.resolve("IT_UPSTREAM_KEY"), "not-a-real-key");
    relayProfile = "gateway-relay-" + marker;
    putProfile(relayProfile, agent(Server.baseUrl() + "/v1", "demo-local", "IT_GATEWAY_KEY"));
  }

  private static String agent(String baseUrl, String model, String keySecret) {
    return """
        agent:
          type: openai
          settings: {base-url: "%s", model: %s, api-key-env: %s, max-retries: 0}
        teacher:
          llm: {provider: local, model: teach-teacher, settings: {path: models/teach-teacher}}
        orchestration:
          forced_mode: auto
        """.formatted(baseUrl, model, keySecret);
  }

  private static void putProfile(String name, String yaml) {
    HttpResponse<String> put = Server.send(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/api/profiles/" + name))
        .header("Authorization", Server.admin().authorization()).header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
    assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
  }

  @AfterAll
  static void stop() {
    upstream.stop(0);
  }

  private static ChatCompletionCreateParams.Builder letterTask() {
    return ChatCompletionCreateParams.builder().model("demo-local").addUserMessage(TASK)
        .metadata(ChatCompletionCreateParams.Metadata.builder().putAdditionalProperty("reference", JsonValue.from("o")).build());
  }

  @Test
  void aPlainCallIsASupervisedStoredSession() {
    HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(letterTask().build());
    ChatCompletion completion = raw.parse();

    // the student alone says "v"; the teacher's guidance makes it "o": the client gets the supervised answer
    assertThat(completion.choices()).hasSize(1);
    assertThat(completion.choices().get(0).message().content()).contains("o");
    assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.model()).isEqualTo("demo-local");
    assertThat(completion.usage()).hasValueSatisfying(u -> {
      assertThat(u.promptTokens()).isPositive();
      assertThat(u.completionTokens()).isPositive();
      assertThat(u.totalTokens()).isEqualTo(u.promptTokens() + u.completionTokens());
    });
    String sessionId = raw.headers().values("X-Atlas-Session-Id").get(0);
    JsonObject session = Server.json(Server.get("/api/sessions/" + sessionId));
    assertThat(session.getString("task")).isEqualTo(TASK);
    assertThat(session.getString("profile")).isEqualTo("demo-local");
    assertThat(session.getString("executionMode")).isEqualTo("paired");
    assertThat(session.getString("reviewStatus")).isEqualTo("pending");
    assertThat(session.getJsonNumber("sessionReward").doubleValue()).isEqualTo(1.0);
    assertThat(session.getJsonObject("metadata").getString("gateway")).isEqualTo("openai");
    assertThat(completion.id()).endsWith("-" + sessionId);
  }

  @Test
  void aStreamedCallEndsWithItsUsageAndDone() {
    String conversation = "conv-" + UUID.randomUUID();
    StringBuilder content = new StringBuilder();
    List<ChatCompletionChunk> chunks = new java.util.ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(letterTask()
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).user(conversation).build())) {
      stream.stream().forEach(chunk -> {
        chunks.add(chunk);
        chunk.choices().forEach(c -> c.delta().content().ifPresent(content::append));
      });
    }
    assertThat(content.toString()).contains("o");
    assertThat(chunks).allSatisfy(c -> assertThat(c.id()).isEqualTo(chunks.get(0).id()));
    assertThat(chunks.get(chunks.size() - 2).choices().get(0).finishReason()).hasValue(ChatCompletionChunk.Choice.FinishReason.STOP);
    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.choices()).isEmpty();
    assertThat(last.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isPositive());
    // grouped by the caller's user: the session carries the conversation
    long id = Long.parseLong(chunks.get(0).id().replaceAll(".*-", ""));
    JsonObject session = Server.json(Server.get("/api/sessions/" + id));
    assertThat(session.getJsonObject("metadata").getString("conversation")).isEqualTo(conversation);

    // the raw wire: server-sent chunks and the closing [DONE]
    HttpResponse<String> wire = Server.send(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/v1/chat/completions"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("model", "demo-local").add("stream", true)
            .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user").add("content", TASK)))
            .build().toString())));
    assertThat(wire.statusCode()).isEqualTo(200);
    assertThat(wire.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    assertThat(wire.body()).startsWith("data: {").contains("\"object\":\"chat.completion.chunk\"").endsWith("data: [DONE]\n\n")
        .doesNotContain("\"usage\"");
  }

  @Test
  void toolCallsMakeTheRoundTripThroughTheProfilesAgent() {
    ChatCompletionCreateParams first = ChatCompletionCreateParams.builder().model(toolsProfile)
        .addUserMessage("What is the weather in Paris?")
        .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("weather")
            .description("The weather in a city").parameters(FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(java.util.Map.of("city", java.util.Map.of("type", "string"))))
                .build()).build()).build())
        .toolChoice(com.openai.models.chat.completions.ChatCompletionToolChoiceOption.Auto.AUTO)
        .build();
    ChatCompletion asked = client.chat().completions().create(first);
    assertThat(asked.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    ChatCompletionMessageFunctionToolCall call = asked.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.id()).isEqualTo("call_weather_1");
    assertThat(call.function().name()).isEqualTo("weather");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");

    ChatCompletion answered = client.chat().completions().create(first.toBuilder()
        .addMessage(asked.choices().get(0).message())
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("21 degrees, sunny").build())
        .build());
    assertThat(answered.choices().get(0).message().content()).hasValue("It is 21 degrees in Paris.");
    assertThat(answered.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);

    // what the agent's model received: the tools and choice, then the assistant's call and the tool's answer
    JsonObject firstUpstream = upstreamRequests.get(upstreamRequests.size() - 2);
    assertThat(firstUpstream.getJsonArray("tools").getJsonObject(0).getJsonObject("function").getString("name")).isEqualTo("weather");
    assertThat(firstUpstream.getString("tool_choice")).isEqualTo("auto");
    List<JsonObject> messages = upstreamRequests.get(upstreamRequests.size() - 1).getJsonArray("messages").getValuesAs(JsonObject.class);
    assertThat(messages).extracting(m -> m.getString("role")).containsExactly("system", "user", "assistant", "tool");
    assertThat(messages.get(2).getJsonArray("tool_calls").getJsonObject(0).getString("id")).isEqualTo("call_weather_1");
    assertThat(messages.get(3).getString("tool_call_id")).isEqualTo("call_weather_1");
    assertThat(messages.get(3).getString("content")).isEqualTo("21 degrees, sunny");
  }

  @Test
  void theOpenAiPluginIsAClientOfTheGateway() {
    HttpResponse<String> response = Server.postJson("/api/sessions?wait=true", Json.createObjectBuilder().add("profile", relayProfile)
        .add("task", TASK).build().toString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject relayed = Server.json(response);
    assertThat(relayed.getString("status")).as(response.body()).isEqualTo("succeeded");
    assertThat(relayed.getString("finalAnswer")).contains("o");
    assertThat(relayed.getJsonObject("tokenUsage").getJsonNumber("completionTokens").longValue()).isPositive();
  }

  @Test
  void langChain4jGetsAnswersToo() {
    OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(Server.baseUrl() + "/v1").apiKey(token).modelName("demo-local")
        .maxRetries(0).build();
    assertThat(model.chat(TASK)).contains("o");
  }

  @Test
  void modelsAreTheProfiles() {
    List<String> ids = client.models().list().data().stream().map(m -> m.id()).toList();
    assertThat(ids).contains("demo-local", "demo-arithmetic", toolsProfile);
    assertThat(client.models().retrieve("demo-local").ownedBy()).isEqualTo("atlas");
  }

  @Test
  void errorsAreOpenAiErrors() {
    assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder().model("no-such-profile")
        .addUserMessage("hi").build())).isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.code()).hasValue("model_not_found");
          assertThat(e.param()).hasValue("model");
        });
    OpenAIClient wrongKey = OpenAIOkHttpClient.builder().baseUrl(Server.baseUrl() + "/v1").apiKey("atlas_nope_nope").maxRetries(0)
        .build();
    assertThatThrownBy(() -> wrongKey.chat().completions().create(letterTask().build()))
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.code()).hasValue("invalid_api_key"));
    OpenAIClient viewer = OpenAIOkHttpClient.builder().baseUrl(Server.baseUrl() + "/v1")
        .apiKey(Server.newKey("viewer").authorization().substring("Bearer ".length())).maxRetries(0).build();
    assertThatThrownBy(() -> viewer.chat().completions().create(letterTask().build())).isInstanceOf(PermissionDeniedException.class);
    assertThat(viewer.models().list().data()).isNotEmpty();

    // bad requests, on the wire: OpenAI's error body with the field in param
    for (String[] bad : new String[][] {
        {"{\"model\": \"demo-local\"}", "messages"},
        {"{\"model\": \"demo-local\", \"messages\": [{\"role\": \"robot\", \"content\": \"x\"}]}", "messages[0].role"},
        {"{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}", "model"},
        {"{\"model\": \"demo-local\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"n\": 3}", "n"},
        {"{\"model\": \"demo-local\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tool_choice\": \"maybe\"}", "tool_choice"},
        {"{\"model\": \"demo-local\", \"messages\": [{\"role\": \"user\"", null},
        {"[1, 2]", null},
        {"{\"a\":".repeat(2000) + "1" + "}".repeat(2000), null}}) {
      HttpResponse<String> response = Server.send(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/v1/chat/completions"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(bad[0])));
      assertThat(response.statusCode()).as(bad[0].substring(0, Math.min(80, bad[0].length())) + " → " + response.body()).isEqualTo(400);
      JsonObject error = Server.json(response).getJsonObject("error");
      assertThat(error.getString("type")).isEqualTo("invalid_request_error");
      assertThat(error.getString("message")).isNotBlank();
      if (bad[1] != null) {
        assertThat(error.getString("param")).isEqualTo(bad[1]);
      }
    }
    assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder().model("demo-local")
        .addSystemMessage("only a system message").build())).isInstanceOf(BadRequestException.class);
    HttpResponse<String> unknown = Server.send(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/v1/embeddings"))
        .header("Authorization", "Bearer " + token).GET());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Server.json(unknown).getJsonObject("error").getString("message")).contains("/v1/embeddings");
  }

  @Test
  void theCallsAreGenAiMetrics() {
    client.chat().completions().create(letterTask().build());
    String metrics = Server.get("/metrics").body();
    assertThat(metrics).contains("gen_ai_server_request_duration_seconds").contains("gen_ai_server_time_to_first_token_seconds")
        .contains("gen_ai_client_operation_duration_seconds").contains("gen_ai_client_token_usage")
        .contains("gen_ai_request_model=\"demo-local\"").contains("gen_ai_token_type=\"input\"")
        .contains("gen_ai_operation_name=\"invoke_agent\"").contains("gen_ai_provider_name=\"local\"");
  }
}
