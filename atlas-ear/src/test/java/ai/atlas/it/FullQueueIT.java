package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When every session slot is taken (running or queued: 8 + 64 by default), the next session is
 * refused with 429 and Retry-After, the accepted ones still finish, and the server takes new
 * sessions again. The agent is the http-agent plugin against a local endpoint that holds every
 * call until the test lets it go.
 */
class FullQueueIT {

  private static final int SLOTS = 8 + 64;

  private static HttpServer agent;
  private static final CountDownLatch release = new CountDownLatch(1);
  private static String profile;

  @BeforeAll
  static void start() throws IOException {
    agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    agent.setExecutor(Executors.newFixedThreadPool(SLOTS + 8));
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
  void aFullQueueIsRefusedWith429AndTheAcceptedSessionsStillFinish() throws InterruptedException {
    Server.Client operator = Server.as(Server.newUser("operator"));
    String body = Json.createObjectBuilder().add("profile", profile).add("task", "hold " + Server.marker()).build().toString();
    List<Long> accepted = new ArrayList<>();
    HttpResponse<String> refused = null;
    for (int i = 0; i < SLOTS + 5 && refused == null; i++) {
      HttpResponse<String> response = operator.send("POST", "/api/sessions", body);
      if (response.statusCode() == 202) {
        accepted.add(Server.json(response).getJsonNumber("id").longValue());
      } else {
        refused = response;
      }
    }

    assertThat(accepted).hasSize(SLOTS);
    assertThat(refused).isNotNull();
    LimitsIT.assertProblem(refused, 429, "the server is running and queueing as many sessions as it may (72)");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    // the OpenAI-compatible gateway refuses the same way, in OpenAI's shape, so clients back off
    String token = Server.newKey("operator").authorization().substring("Bearer ".length());
    HttpResponse<String> gateway = Server.send(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/v1/chat/completions"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("model", profile).add("messages",
            Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user").add("content", "hold"))).build().toString())));
    assertThat(gateway.statusCode()).as(gateway.body()).isEqualTo(429);
    assertThat(gateway.headers().firstValue("Retry-After")).isPresent();
    assertThat(Server.json(gateway).getJsonObject("error").getString("code")).isEqualTo("rate_limit_exceeded");

    release.countDown();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    for (long id : accepted) {
      String status = "running";
      while (status.equals("running") && Instant.now().isBefore(deadline)) {
        status = Server.json(Server.get("/api/sessions/" + id)).getString("status");
        if (status.equals("running")) {
          Thread.sleep(100);
        }
      }
      assertThat(status).as("session " + id).isEqualTo("succeeded");
    }
    HttpResponse<String> again = operator.send("POST", "/api/sessions?wait=true", body);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(Server.json(again).getString("finalAnswer")).isEqualTo("done");
  }
}
