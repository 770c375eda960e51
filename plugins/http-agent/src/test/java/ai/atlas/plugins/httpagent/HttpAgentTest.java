package ai.atlas.plugins.httpagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.AgentTask;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against a real local HTTP server. */
class HttpAgentTest {

  private HttpServer server;
  private final ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/agent", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      bodies.add(body);
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      int status = failuresLeft.getAndDecrement() > 0 ? 503 : 200;
      JsonObject request = Json.createReader(new StringReader(body)).readObject();
      String answer = status == 503 ? "busy" : Json.createObjectBuilder()
          .add("result", Json.createObjectBuilder().add("text", "done: " + request.getString("input")))
          .add("trace", Json.createArrayBuilder()
              .add(Json.createObjectBuilder().add("description", "plan").add("output", "two steps"))
              .add("a plain step"))
          .build().toString();
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpAgent agent(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(Map.of(
        "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/agent",
        "template", "{\"input\": {{task}}, \"hint\": {{guidance}}, \"tips\": {{playbook}}, \"context\": {{metadata}}}",
        "answer-pointer", "/result/text",
        "steps-pointer", "/trace",
        "headers", "Authorization: Bearer secret:AGENT_TOKEN | X-Team: search"));
    values.putAll(extra);
    return HttpAgentFactory.create(new PluginSettings() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
      }

      @Override
      public Optional<String> secret(String name) {
        return name.equals("AGENT_TOKEN") ? Optional.of("tok-123") : Optional.empty();
      }

      @Override
      public Optional<ChatModel> chatModel(String name) {
        return Optional.empty();
      }
    }, waits::add);
  }

  @Test
  void theTaskIsSentThroughTheTemplateAndTheAnswerReadByPointer() {
    AgentTask task = new AgentTask("say \"hi\"\nthen stop", "be short", List.of("greet first"), Map.of("tenant", "acme"));

    AgentAnswer answer = agent(Map.of()).run(task);

    assertThat(answer.answer()).isEqualTo("done: say \"hi\"\nthen stop");
    assertThat(answer.steps()).extracting(s -> s.description() + "=" + s.output()).containsExactly("plan=two steps", "=a plain step");
    JsonObject sent = Json.createReader(new StringReader(bodies.peek())).readObject();
    assertThat(sent.getString("hint")).isEqualTo("be short");
    assertThat(sent.getJsonArray("tips").getString(0)).isEqualTo("greet first");
    assertThat(sent.getJsonObject("context").getString("tenant")).isEqualTo("acme");
    assertThat(authorizations.peek()).isEqualTo("Bearer tok-123");
  }

  @Test
  void unavailableAgentsAreRetried() {
    failuresLeft.set(2);

    assertThat(agent(Map.of()).run(AgentTask.of("x")).answer()).isEqualTo("done: x");
    assertThat(bodies).hasSize(3);
    assertThat(waits).hasSize(2);
  }

  @Test
  void anAnswerWithoutTheFieldIsAClearError() {
    assertThatThrownBy(() -> agent(Map.of("answer-pointer", "/missing")).run(AgentTask.of("x")))
        .isInstanceOf(PluginException.class).hasMessageContaining("has nothing at /missing");
  }

  @Test
  void badSettingsAreRefusedWhenTheAgentIsCreated() {
    assertThatThrownBy(() -> agent(Map.of("template", "{\"input\": {{task}")))
        .isInstanceOf(PluginException.class).hasMessageContaining("'template' is not JSON once filled in");
    assertThatThrownBy(() -> agent(Map.of("headers", "no colon here")))
        .hasMessageContaining("each header must be 'Name: value'");
    assertThatThrownBy(() -> agent(Map.of("headers", "Authorization: Bearer secret:MISSING")))
        .hasMessageContaining("the secret 'MISSING' of header Authorization is not set");
  }

  @Test
  void theDefaultBodyCarriesTheCallsTokenCap() {
    PayloadTemplate template = new PayloadTemplate(HttpAgentFactory.DEFAULT_TEMPLATE);

    JsonObject capped = Json.createReader(new StringReader(template.fill(AgentTask.of("plan it").withMaxTokens(64)))).readObject();
    JsonObject free = Json.createReader(new StringReader(template.fill(AgentTask.of("plan it")))).readObject();

    assertThat(capped.getString("task")).isEqualTo("plan it");
    assertThat(capped.getInt("max_tokens")).isEqualTo(64);
    assertThat(free.isNull("max_tokens")).isTrue();
  }

  @Test
  void thePromptPlaceholderFoldsPlaybookAndGuidanceIntoTheTaskAndPlaceholdersInATaskStay() {
    PayloadTemplate template = new PayloadTemplate("{\"prompt\": {{prompt}}, \"mode\": \"inference\"}");

    JsonObject body = Json.createReader(new StringReader(template.fill(
        new AgentTask("Echo {{guidance}} back", "say it twice", List.of("quote exactly"), Map.of())))).readObject();

    assertThat(body.getString("prompt")).isEqualTo("Echo {{guidance}} back\n\nWhat worked on similar tasks:\n- quote exactly\n\nGuidance: say it twice");
    assertThat(body.getString("mode")).isEqualTo("inference");
  }
}
