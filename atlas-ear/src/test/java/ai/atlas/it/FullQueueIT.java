package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queue's bounds: a key with a share of its own ({@code max_queued}) is refused with 429 and
 * Retry-After once that many of its sessions wait, while another key still gets in; the accepted
 * sessions all finish; and the in-process slots of the OpenAI-compatible gateway (8 + 64 by
 * default) refuse the same way, in OpenAI's shape. The agent is the http-agent plugin against a
 * local endpoint that holds every call until the test lets it go.
 */
class FullQueueIT {

  private static final int IN_PROCESS_SLOTS = 8 + 64;
  private static final int QUEUE_SLOTS = 8;
  private static final int SHARE = 5;
  private static HttpServer agent;
  private static final CountDownLatch release = new CountDownLatch(1);
  private static String profile;

  @BeforeAll
  static void start() throws IOException {
    agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    agent.setExecutor(Executors.newFixedThreadPool(IN_PROCESS_SLOTS + QUEUE_SLOTS + 16));
    agent.createContext("/agent", exchange -> {
      exchange.getRequestBody().readAllBytes();
      try {
        release.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      StandIns.respond(exchange, "{\"answer\": \"done\"}");
    });
    agent.start();
    profile = "queue-" + UUID.randomUUID().toString().substring(0, 8);
    String yaml = """
        agent:
          type: http
          settings: {url: "http://127.0.0.1:%d/agent", timeout-seconds: 150, max-retries: 0}
        teacher:
          llm: {provider: openai, model: unused, api_base: "http://127.0.0.1:9/v1"}
        orchestration:
          forced_mode: auto
        """.formatted(agent.getAddress().getPort());
    HttpResponse<String> put = Server.send(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/api/profiles/" + profile))
        .header("Authorization", Server.admin().authorization())
        .header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    release.countDown();
    agent.stop(0);
  }

  @Test
  void aFullShareIsRefusedWith429TheGatewaysFullSlotsTooAndTheAcceptedSessionsStillFinish() throws Exception {
    Server.Credentials limited = Server.newKey("operator");
    HttpResponse<String> set = Server.as(Server.admin()).send("PUT", "/api/keys/" + Server.keyIdOf(limited) + "/limits",
        "{\"max_queued\": " + SHARE + "}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(Server.json(set).getInt("maxQueued")).isEqualTo(SHARE);
    String body = Json.createObjectBuilder().add("profile", profile).add("task", "hold " + Server.marker()).build().toString();

    List<Long> accepted = new ArrayList<>();
    HttpResponse<String> refused = null;
    for (int i = 0; i < QUEUE_SLOTS + SHARE + 20 && refused == null; i++) {
      HttpResponse<String> response = Server.as(limited).send("POST", "/api/sessions", body);
      if (response.statusCode() == 202) {
        accepted.add(Server.json(response).getJsonNumber("id").longValue());
      } else {
        refused = response;
      }
    }

    // At most the running ones and the key's share were taken; at least its share.
    assertThat(accepted).hasSizeBetween(SHARE, QUEUE_SLOTS + SHARE);
    assertThat(refused).isNotNull();
    LimitsIT.assertProblem(refused, 429, "sessions queued, at most " + SHARE + " may wait");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    // Another key is not held back by this one's share.
    HttpResponse<String> other = Server.as(Server.newKey("operator")).send("POST", "/api/sessions", body);
    assertThat(other.statusCode()).as(other.body()).isEqualTo(202);
    accepted.add(Server.json(other).getJsonNumber("id").longValue());

    // The gateway's sessions run in process: once its slots are all held, the next is refused in OpenAI's shape.
    String token = Server.newKey("operator").authorization().substring("Bearer ".length());
    List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
    for (int i = 0; i < IN_PROCESS_SLOTS; i++) {
      held.add(gateway(token));
    }
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (running() < IN_PROCESS_SLOTS + QUEUE_SLOTS && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    HttpResponse<String> gateway = gateway(token).get(60, TimeUnit.SECONDS);
    assertThat(gateway.statusCode()).as(gateway.body()).isEqualTo(429);
    assertThat(gateway.headers().firstValue("Retry-After")).isPresent();
    assertThat(Server.json(gateway).getJsonObject("error").getString("code")).isEqualTo("rate_limit_exceeded");

    release.countDown();
    for (CompletableFuture<HttpResponse<String>> call : held) {
      HttpResponse<String> answered = call.get(120, TimeUnit.SECONDS);
      assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    }
    deadline = Instant.now().plus(Duration.ofSeconds(120));
    for (long id : accepted) {
      String status = "queued";
      while ((status.equals("queued") || status.equals("running")) && Instant.now().isBefore(deadline)) {
        status = Server.json(Server.get("/api/sessions/" + id)).getString("status");
        if (status.equals("queued") || status.equals("running")) {
          Thread.sleep(100);
        }
      }
      assertThat(status).as("session " + id).isEqualTo("succeeded");
    }
    HttpResponse<String> again = Server.as(limited).send("POST", "/api/sessions?wait=true", body);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(Server.json(again).getString("finalAnswer")).isEqualTo("done");
  }

  private static CompletableFuture<HttpResponse<String>> gateway(String token) {
    return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/v1/chat/completions"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(150))
        .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("model", profile).add("messages",
            Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user").add("content", "hold"))).build().toString()))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int running() {
    return Server.json(Server.get("/api/sessions?size=1&status=running&profile=" + profile)).getInt("total");
  }
}
