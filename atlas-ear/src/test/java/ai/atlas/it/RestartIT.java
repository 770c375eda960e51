package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What is stored survives a restart of the server, even one killed with SIGKILL. */
class RestartIT {

  private static final int QUEUE_SLOTS = 8;
  private static final int SUBMITTED = 20;

  @Test
  void sessionsAreStillThereAfterTheServerRestarts() throws Exception {
    String marker = Server.marker();
    long id = Server.importSession(marker);
    Server.postJson("/api/sessions/" + id + "/review", "{\"status\":\"approved\",\"note\":\"before restart\"}");

    serverCommand("stop");
    serverCommand("start");
    Server.awaitHealthy(Duration.ofSeconds(120));

    var session = Server.json(Server.get("/api/sessions/" + id));
    assertThat(session.getString("task")).isEqualTo(marker);
    assertThat(session.getString("reviewStatus")).isEqualTo("approved");
    assertThat(session.getString("reviewNotes")).isEqualTo("before restart");
    assertThat(session.getJsonArray("steps")).hasSize(2);
  }

  /**
   * Sessions accepted into the queue survive the server being killed: the ones it was running fail
   * with the reason at the next start, the queued ones run after it, none is lost. The agent holds
   * every call until the test lets it go, so the server is killed with sessions queued.
   */
  @Test
  void queuedSessionsRunAfterTheServerIsKilledAndTheRunningOnesFailWithTheReason() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    agent.setExecutor(Executors.newFixedThreadPool(SUBMITTED + QUEUE_SLOTS));
    agent.createContext("/agent", exchange -> {
      exchange.getRequestBody().readAllBytes();
      try {
        release.await(180, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      StandIns.respond(exchange, "{\"answer\": \"done\"}");
    });
    agent.start();
    try {
      String profile = "killed-" + UUID.randomUUID().toString().substring(0, 8);
      String yaml = """
          agent:
            type: http
            settings: {url: "http://127.0.0.1:%d/agent", timeout-seconds: 200, max-retries: 0}
          teacher:
            llm: {provider: openai, model: unused, api_base: "http://127.0.0.1:9/v1"}
          orchestration:
            forced_mode: auto
          """.formatted(agent.getAddress().getPort());
      HttpResponse<String> put = Server.send(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/api/profiles/" + profile))
          .header("Authorization", Server.admin().authorization()).header("Content-Type", "application/yaml")
          .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      String body = Json.createObjectBuilder().add("profile", profile).add("task", "hold " + Server.marker()).build().toString();
      List<Long> accepted = new ArrayList<>();
      for (int i = 0; i < SUBMITTED; i++) {
        HttpResponse<String> response = Server.postJson("/api/sessions", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        accepted.add(Server.json(response).getJsonNumber("id").longValue());
      }
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (count(profile, "running") < QUEUE_SLOTS && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      int runningAtKill = count(profile, "running"); // held by the agent: none can finish before the kill
      assertThat(runningAtKill).isPositive();
      assertThat(count(profile, "queued")).as("sessions still queued at the kill").isEqualTo(SUBMITTED - runningAtKill);

      kill();
      serverCommand("start");
      Server.awaitHealthy(Duration.ofSeconds(120));
      release.countDown();

      Map<String, Integer> outcomes = new TreeMap<>();
      deadline = Instant.now().plus(Duration.ofSeconds(120));
      for (long id : accepted) {
        JsonObject session = Server.json(Server.get("/api/sessions/" + id));
        while (!finished(session.getString("status")) && Instant.now().isBefore(deadline)) {
          Thread.sleep(100);
          session = Server.json(Server.get("/api/sessions/" + id));
        }
        outcomes.merge(session.getString("status"), 1, Integer::sum);
        if (session.getString("status").equals("failed")) {
          assertThat(session.getString("finalAnswer")).isEqualTo("the server stopped while the session ran");
        } else {
          assertThat(session.getString("finalAnswer")).as("session " + id).isEqualTo("done");
        }
      }
      assertThat(outcomes).isEqualTo(Map.of("failed", runningAtKill, "succeeded", SUBMITTED - runningAtKill));
    } finally {
      release.countDown();
      agent.stop(0);
    }
  }

  /**
   * A training job killed with SIGKILL part-way restarts by itself when the server is up again,
   * from its last committed step, and writes exactly the weights of an uninterrupted run.
   */
  @Test
  void trainingKilledPartWayResumesAtTheNextStartAndEndsWithTheSameWeights() throws Exception {
    TinySft sft = TinySft.prepare();
    long straight = sft.start("straight", 4);
    assertThat(TinySft.waitFor(straight, List.of("COMPLETED", "FAILED")).getString("batchStatus")).isEqualTo("COMPLETED");

    long killed = sft.start("killed", 4);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (sft.stepsRecorded(killed) < 10 && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    int committedBeforeTheKill = sft.stepsRecorded(killed);
    kill();
    assertThat(committedBeforeTheKill).as("steps committed just before the server was killed").isBetween(10, 119);
    serverCommand("start");
    Server.awaitHealthy(Duration.ofSeconds(120));

    long instance = Server.json(Server.get("/api/jobs/" + killed)).getJsonNumber("instanceId").longValue();
    JsonObject resumed = awaitExecutionAfter(killed, instance, Duration.ofSeconds(60));
    assertThat(Server.json(Server.get("/api/jobs/" + killed)).getString("batchStatus")).isEqualTo("FAILED");
    JsonObject done = TinySft.waitFor(resumed.getJsonNumber("executionId").longValue(), List.of("COMPLETED", "FAILED", "STOPPED"));
    assertThat(done.getString("batchStatus")).as(done.toString()).isEqualTo("COMPLETED");
    assertThat(sft.stepsRecorded(done.getJsonNumber("executionId").longValue())).isEqualTo(120);
    assertThat(sft.weights("killed")).as("the resumed run's weights, byte for byte").isEqualTo(sft.weights("straight"));
    assertThat(Server.get("/api/audit?action=job.start").body()).contains("interrupted when the server stopped");
  }

  /** The execution that the server started for a job instance after {@code previous}, once there is one. */
  private static JsonObject awaitExecutionAfter(long previous, long instance, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      for (JsonObject item : Server.json(Server.get("/api/jobs?name=sft&size=50")).getJsonArray("items").getValuesAs(JsonObject.class)) {
        if (item.getJsonNumber("instanceId").longValue() == instance) {
          for (JsonObject execution : item.getJsonArray("executions").getValuesAs(JsonObject.class)) {
            if (execution.getJsonNumber("executionId").longValue() > previous) {
              return execution;
            }
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no execution of job instance " + instance + " after " + previous + " within " + timeout);
  }

  private static boolean finished(String status) {
    return !status.equals("queued") && !status.equals("running");
  }

  private static int count(String profile, String status) {
    return Server.json(Server.get("/api/sessions?size=1&profile=" + profile + "&status=" + status)).getInt("total");
  }

  /** SIGKILL: no shutdown hook, no chance to finish a write. */
  private static void kill() throws Exception {
    long pid = Long.parseLong(Files.readString(Server.wlpDir().resolve("usr/servers/.pid/" + Server.serverName() + ".pid")).strip());
    ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no server process " + pid));
    assertThat(server.destroyForcibly()).isTrue();
    server.onExit().get(60, TimeUnit.SECONDS);
  }

  private static void serverCommand(String action) throws Exception {
    Path script = Server.wlpDir().resolve("bin/server");
    Process process = new ProcessBuilder(script.toString(), action, Server.serverName())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("server " + action + " finished").isTrue();
    assertThat(process.exitValue()).as("server " + action + " exit code").isZero();
  }
}
