package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Two Liberty servers sharing one PostgreSQL database: sessions submitted to either run on both
 * (whichever server has a free slot claims a queued one), and each server sees the sessions,
 * reviews and batch jobs of the other. Embedded H2 belongs to one server, so this runs in CI's
 * PostgreSQL pass ({@code ATLAS_DB_KIND=postgresql}) and is skipped on H2.
 */
@EnabledIfEnvironmentVariable(named = "ATLAS_DB_KIND", matches = "postgresql")
class ScaleOutIT {

  private static final int SESSIONS = 24;

  private static SecondServer second;

  @BeforeAll
  static void startTheSecondServer() throws Exception {
    second = SecondServer.start("atlas2", "it-second-server");
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
