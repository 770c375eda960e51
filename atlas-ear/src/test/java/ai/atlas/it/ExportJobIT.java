package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The export batch job started over REST, run to completion by Liberty's batch container. */
class ExportJobIT {

  @Test
  void exportWritesTheApprovedSessionsAsJsonLines() throws Exception {
    String marker = Server.marker();
    long first = Server.importSession(marker + " first");
    long second = Server.importSession(marker + " second");
    long pending = Server.importSession(marker + " pending");
    long quarantined = Server.importSession(marker + " quarantined");
    Server.postJson("/api/sessions/" + first + "/review", "{\"status\":\"approved\",\"note\":\"ok\"}");
    Server.postJson("/api/sessions/" + second + "/review", "{\"status\":\"approved\"}");
    Server.postJson("/api/sessions/" + quarantined + "/review", "{\"status\":\"quarantined\"}");

    HttpResponse<String> started =
        Server.postJson("/api/jobs/export", "{\"output\":\"it/" + marker + ".jsonl\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    assertThat(started.headers().firstValue("Location")).isPresent();
    long executionId = Server.json(started).getJsonNumber("executionId").longValue();

    JsonObject execution = awaitEnd(executionId, Duration.ofSeconds(90));
    assertThat(execution.getString("batchStatus")).isEqualTo("COMPLETED");
    assertThat(execution.getString("exitStatus")).isEqualTo("COMPLETED");
    assertThat(execution.getString("jobName")).isEqualTo("export");
    JsonObject step = execution.getJsonArray("steps").getJsonObject(0);
    assertThat(step.getString("name")).isEqualTo("write-jsonl");
    assertThat(step.getString("batchStatus")).isEqualTo("COMPLETED");

    Path file = Path.of(execution.getJsonObject("parameters").getString("output"));
    List<String> lines = Files.readAllLines(file);
    assertThat(step.getJsonObject("metrics").getJsonNumber("WRITE_COUNT").longValue()).isEqualTo(lines.size());

    List<JsonObject> ours = lines.stream()
        .map(line -> Json.createReader(new StringReader(line)).readObject())
        .filter(record -> record.getString("task").startsWith(marker))
        .toList();
    assertThat(ours).extracting(r -> r.getJsonNumber("session_id").longValue()).containsExactly(first, second);
    assertThat(ours).extracting(r -> r.getJsonNumber("session_id").longValue()).doesNotContain(pending, quarantined);
    JsonObject record = ours.get(0);
    assertThat(record.getString("task")).isEqualTo(marker + " first");
    assertThat(record.getString("final_answer")).isEqualTo("42");
    assertThat(record.getString("review_status")).isEqualTo("approved");
    assertThat(record.getString("review_notes")).isEqualTo("ok");
    assertThat(record.getString("execution_mode")).isEqualTo("paired");
    assertThat(record.getJsonNumber("session_reward").doubleValue()).isEqualTo(0.75);
    assertThat(record.getJsonObject("session_metadata").getString("source")).isEqualTo("it");
    assertThat(record.getJsonArray("steps")).hasSize(2);
    assertThat(record.getJsonArray("steps").getJsonObject(0).getString("description")).isEqualTo("think");
    assertThat(record.getJsonArray("trajectory_events").getJsonObject(0).getString("event_type")).isEqualTo("model_call");
    // every line of the file is an approved session, whoever else wrote to this database
    assertThat(lines).allSatisfy(line -> assertThat(line).contains("\"review_status\":\"approved\""));
  }

  private static JsonObject awaitEnd(long executionId, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    JsonObject execution;
    do {
      execution = Server.json(Server.get("/api/jobs/" + executionId));
      String status = execution.getString("batchStatus");
      if (List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(status)) {
        return execution;
      }
      Thread.sleep(250);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError("job " + executionId + " did not end within " + timeout + ": " + execution);
  }
}
