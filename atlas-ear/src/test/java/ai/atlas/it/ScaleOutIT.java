package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Two Liberty servers sharing one PostgreSQL database: sessions submitted to either run on both
 * (whichever server has a free slot claims a queued one), each server sees the sessions, reviews
 * and batch jobs of the other, and a partitioned job's partitions run on both. Embedded H2 belongs to one server, so this runs in CI's
 * PostgreSQL pass ({@code ATLAS_DB_KIND=postgresql}) and is skipped on H2.
 */
@EnabledIfEnvironmentVariable(named = "ATLAS_DB_KIND", matches = "postgresql")
class ScaleOutIT {

  private static final int SESSIONS = 24;

  private static SecondServer second;

  @BeforeAll
  static void startTheSecondServer() throws Exception {
    second = SecondServer.start("atlas2", "it-second-server", java.util.Map.of("ATLAS_BATCH_PARTITION_SLOTS", "2"));
  }

  @AfterAll
  static void stopTheSecondServer() throws Exception {
    if (second != null) {
      second.close();
    }
  }

  @Test
  void sessionsSubmittedToEitherServerRunOnBothAndEachSeesThemAll() throws Exception {
    String marker = Server.marker();
    Server.Client first = Server.as(Server.admin());
    Server.Client other = second.admin();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      // As a load balancer would: every other request to the other server.
      Server.Client target = i % 2 == 0 ? first : other;
      String body = Json.createObjectBuilder()
          .add("profile", "demo-local")
          .add("task", "What is letter 7 of w, e, d, v, t, u, o, i?")
          .add("metadata", Json.createObjectBuilder().add("reference", "o").add("learning_key", marker))
          .build().toString();
      HttpResponse<String> accepted = target.send("POST", "/api/sessions", body);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      ids.add(Server.json(accepted).getJsonNumber("id").longValue());
    }

    Set<String> ranOn = new HashSet<>();
    for (long id : ids) {
      JsonObject onFirst = Server.awaitSessionEnd(first, id, Duration.ofMinutes(3));
      JsonObject onSecond = Server.json(other.get("/api/sessions/" + id));
      // demo-local's teacher writes guidance but never validates, so a right answer ends needs_review
      assertThat(onFirst.getString("status")).isIn("succeeded", "needs_review");
      assertThat(onFirst.getString("finalAnswer")).isEqualTo("o");
      assertThat(onFirst.getJsonNumber("sessionReward").doubleValue()).isEqualTo(1.0);
      assertThat(onSecond.getString("status")).isEqualTo(onFirst.getString("status"));
      assertThat(onSecond.getString("finalAnswer")).isEqualTo(onFirst.getString("finalAnswer"));
      assertThat(onSecond.getJsonArray("events")).hasSameSizeAs(onFirst.getJsonArray("events"));
      ranOn.add(onFirst.getString("serverId"));
    }
    assertThat(ranOn).as("the servers that ran the sessions").hasSize(2).contains(second.serverId());

    int listedByFirst = Server.json(first.get("/api/sessions?size=1&learningKey=" + marker)).getInt("total");
    int listedBySecond = Server.json(other.get("/api/sessions?size=1&learningKey=" + marker)).getInt("total");
    assertThat(listedByFirst).isEqualTo(SESSIONS);
    assertThat(listedBySecond).isEqualTo(SESSIONS);
  }

  @Test
  void aReviewOnOneServerIsSeenOnTheOther() {
    long id = Server.importSession(Server.marker());
    HttpResponse<String> reviewed = second.admin().send("POST", "/api/sessions/" + id + "/review",
        "{\"status\":\"approved\",\"note\":\"reviewed on the second server\"}");
    assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);

    JsonObject onFirst = Server.json(Server.get("/api/sessions/" + id));
    assertThat(onFirst.getString("reviewStatus")).isEqualTo("approved");
    assertThat(onFirst.getString("reviewNotes")).isEqualTo("reviewed on the second server");
    assertThat(onFirst.getJsonArray("reviewHistory").getJsonObject(0).getString("actor")).isEqualTo("admin");
  }

  @Test
  void theRewardEvalsPartitionsRunOnBothServers() throws Exception {
    // a judge model that takes its time, so that each partition lasts long enough for both servers to claim some
    HttpServer judgeModel = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    judgeModel.setExecutor(Executors.newFixedThreadPool(8));
    judgeModel.createContext("/v1/chat/completions", exchange -> {
      String prompt = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String response = prompt.contains("Response: ") ? prompt.substring(prompt.lastIndexOf("Response: ")) : "";
      StandIns.chatCompletion(exchange, "{\"principles\": [], \"score\": " + (response.contains("42") ? 0.9 : 0.2)
          + ", \"rationale\": \"checked\", \"uncertainty\": 0.1}", 20, 10);
    });
    judgeModel.start();
    try {
      String profile = "partitions-" + Server.marker().substring(0, 8).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "x");
      String yaml = """
          agent: {type: http}
          teacher:
            llm: {provider: openai, model: judge, api_base: "http://127.0.0.1:%d/v1"}
          rim:
            judges:
              - {type: accuracy, weight: 1}
            temperatures: [0.2]
          """.formatted(judgeModel.getAddress().getPort());
      HttpResponse<String> put = Server.putProfile(profile, yaml);
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      Path datasets = Files.createDirectories(Server.serverDir().resolve("datasets"));
      String name = "partitions-" + Server.marker() + ".jsonl";
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        lines.append("{\"prompt\": \"What is 6*7?\", \"chosen\": \"42\", \"rejected\": \"4").append(i % 2 == 0 ? "1" : "3")
            .append("\", \"category\": \"math\"}\n");
      }
      Files.writeString(datasets.resolve(name), lines);

      // started on the first server (the dataset is its file); the second has two partition slots
      HttpResponse<String> started = Server.postJson("/api/jobs/reward-eval",
          Json.createObjectBuilder().add("dataset", name).add("profile", profile).add("partitions", 4).build().toString());
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      long executionId = Server.json(started).getJsonNumber("executionId").longValue();

      JsonObject execution = Server.awaitJobEnd(executionId, Duration.ofMinutes(3));
      assertThat(execution.getString("batchStatus")).as(execution.toString()).isEqualTo("COMPLETED");
      assertThat(execution.getString("exitStatus")).isEqualTo("accuracy 1.000 (16 of 16 items)");
      List<JsonObject> partitions = Server.jsonArray(second.admin().get("/api/jobs/" + executionId + "/partitions"));
      assertThat(partitions).hasSize(4).allSatisfy(p -> assertThat(p.getString("status")).isEqualTo("done"));
      Set<String> servers = new HashSet<>();
      partitions.forEach(p -> servers.add(p.getString("serverId")));
      assertThat(servers).as("the servers that ran the partitions").hasSize(2).contains("it-second-server");
    } finally {
      judgeModel.stop(0);
    }
  }

  @Test
  void aJobStartedOnOneServerIsFollowedOnTheOther() throws Exception {
    long id = Server.importSession(Server.marker());
    Server.postJson("/api/sessions/" + id + "/review", "{\"status\":\"approved\"}");
    HttpResponse<String> started = second.admin().send("POST", "/api/jobs/export",
        "{\"output\":\"it/scale-out-" + Server.marker() + ".jsonl\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long executionId = Server.json(started).getJsonNumber("executionId").longValue();

    JsonObject seenByFirst = Server.awaitJobEnd(executionId, Duration.ofSeconds(120));
    assertThat(seenByFirst.getString("batchStatus")).isEqualTo("COMPLETED");
    assertThat(seenByFirst.getString("jobName")).isEqualTo("export");
    JsonObject seenBySecond = Server.json(second.admin().get("/api/jobs/" + executionId));
    assertThat(seenBySecond.getString("batchStatus")).isEqualTo("COMPLETED");
  }
}
