package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The endpoints the console reads beyond the core API: learning timelines, the lane filter, job logs and purge. */
class ConsoleApiIT {

  private static long importSession(String key, String lane, double reward, String createdAt) {
    String body = Json.createObjectBuilder().add("task", "learning " + key).add("profile", "it-learning").add("learning_key", key)
        .add("execution_mode", lane).add("session_reward", reward).add("created_at", createdAt).add("final_answer", "ok")
        .build().toString();
    HttpResponse<String> created = Server.postJson("/api/sessions/import", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Server.json(created).getJsonNumber("id").longValue();
  }

  @Test
  void theLearningTimelineBucketsRewardAndLanesPerDay() {
    String key = Server.marker();
    importSession(key, "coach", 0.2, "2026-01-01T08:00:00Z");
    importSession(key, "paired", 0.4, "2026-01-01T20:00:00Z");
    importSession(key, "auto", 0.9, "2026-01-02T09:00:00Z");

    JsonObject timeline = Server.json(Server.get("/api/learning?learningKey=" + key));
    assertThat(timeline.getInt("sessions")).isEqualTo(3);
    List<JsonObject> points = timeline.getJsonArray("points").getValuesAs(JsonObject.class);
    assertThat(points).hasSize(2);
    assertThat(points.get(0).getString("start")).startsWith("2026-01-01T00:00");
    assertThat(points.get(0).getJsonNumber("meanReward").doubleValue()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(points.get(0).getJsonObject("lanes").getInt("coach")).isEqualTo(1);
    assertThat(points.get(0).getJsonObject("lanes").getInt("paired")).isEqualTo(1);
    assertThat(points.get(1).getJsonObject("lanes").getInt("auto")).isEqualTo(1);
    assertThat(Server.json(Server.get("/api/learning?learningKey=" + key + "&bucket=hour")).getJsonArray("points")).hasSize(3);

    List<JsonObject> runs = Server.json(Server.get("/api/learning?learningKey=" + key + "&bucket=sessions&size=2"))
        .getJsonArray("points").getValuesAs(JsonObject.class);
    assertThat(runs).extracting(p -> p.getInt("sessions")).containsExactly(2, 1);
    assertThat(runs.get(1).getJsonNumber("meanReward").doubleValue()).isEqualTo(0.9);
    assertThat(runs.get(0).getJsonNumber("lastSession").longValue()).isLessThan(runs.get(1).getJsonNumber("firstSession").longValue());

    LimitsIT.assertProblem(Server.get("/api/learning?bucket=week"), 400, "'bucket' must be hour, day or sessions");
    LimitsIT.assertProblem(Server.get("/api/learning?bucket=day&size=5"), 400, "'size' applies to bucket=sessions only");
    LimitsIT.assertProblem(Server.get("/api/learning?bucket=sessions&size=0"), 400, "'size' must be between 1 and 1000");
    LimitsIT.assertProblem(Server.get("/api/learning?limit=0"), 400, "'limit' must be between 1 and 20000");
    assertThat(Server.as(Server.Credentials.NONE).get("/api/learning").statusCode()).isEqualTo(401);
  }

  @Test
  void sessionsFilterByLaneAndTaskText() {
    String key = Server.marker();
    importSession(key, "coach", 0.5, "2026-01-03T08:00:00Z");
    long auto = importSession(key, "auto", 0.5, "2026-01-03T09:00:00Z");
    JsonObject page = Server.json(Server.get("/api/sessions?learningKey=" + key + "&lane=auto"));
    assertThat(page.getInt("total")).isEqualTo(1);
    assertThat(page.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue()).isEqualTo(auto);
    LimitsIT.assertProblem(Server.get("/api/sessions?lane=solo"), 400, "'lane' must be one of auto, paired, coach, escalate");
    // the task is "learning <key>": any case finds both
    assertThat(Server.json(Server.get("/api/sessions?q=" + key.toUpperCase(java.util.Locale.ROOT))).getInt("total")).isEqualTo(2);
  }

  @Test
  void aFinishedJobHasALogAndCanBePurgedByAnOperatorOnly() throws Exception {
    HttpResponse<String> started = Server.postJson("/api/jobs/export", "{\"output\": \"console/" + Server.marker() + ".jsonl\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long execution = Server.json(started).getJsonNumber("executionId").longValue();
    long instance = Server.json(started).getJsonNumber("instanceId").longValue();
    assertThat(Server.awaitJobEnd(execution, Duration.ofSeconds(90)).getString("batchStatus")).isEqualTo("COMPLETED");

    HttpResponse<String> log = Server.get("/api/jobs/" + execution + "/log");
    assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
    assertThat(log.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(log.body()).contains("JobInstance id = " + instance).contains("JobExecution id = " + execution)
        .contains("CWWKY0009I: Job export started");

    Server.Client viewer = Server.as(Server.newUser("viewer"));
    assertThat(viewer.get("/api/jobs/" + execution + "/log").statusCode()).isEqualTo(200);
    assertThat(viewer.send("DELETE", "/api/jobs/instances/" + instance, null).statusCode()).isEqualTo(403);

    HttpResponse<String> purged = Server.as(Server.newUser("operator")).send("DELETE", "/api/jobs/instances/" + instance, null);
    assertThat(purged.statusCode()).as(purged.body()).isEqualTo(204);
    LimitsIT.assertProblem(Server.get("/api/jobs/" + execution), 404, "no job execution with id " + execution);
    assertThat(Server.json(Server.get("/api/jobs?name=export&size=200")).getJsonArray("items").getValuesAs(JsonObject.class))
        .noneMatch(i -> i.getJsonNumber("instanceId").longValue() == instance);
    LimitsIT.assertProblem(Server.as(Server.admin()).send("DELETE", "/api/jobs/instances/" + instance, null), 404,
        "no job instance with id " + instance);
    assertThat(Server.json(Server.get("/api/audit?action=job.purge")).toString()).contains("job-instance:" + instance);
  }
}
