package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/export streams sessions as JSONL in each format, redacted, approved only by default. */
class ExportApiIT {

  private static List<JsonObject> lines(HttpResponse<String> response, String marker) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body().lines().filter(l -> l.contains(marker))
        .map(l -> Json.createReader(new StringReader(l)).readObject()).toList();
  }

  @Test
  void eachFormatStreamsTheApprovedSessionsRedacted() {
    String marker = Server.marker();
    long approved = Server.importSession(marker + " mail ann@example.com");
    Server.importSession(marker + " still pending");
    Server.postJson("/api/sessions/" + approved + "/review", "{\"status\":\"approved\"}");

    List<JsonObject> atlas = lines(Server.get("/api/export?format=atlas"), marker);
    assertThat(atlas).singleElement().satisfies(r -> {
      assertThat(r.getJsonNumber("session_id").longValue()).isEqualTo(approved);
      assertThat(r.getString("task")).isEqualTo(marker + " mail [REDACTED:email]");
    });

    List<JsonObject> openai = lines(Server.get("/api/export?format=openai"), marker);
    assertThat(openai).singleElement().satisfies(r ->
        assertThat(r.getJsonArray("messages").getJsonObject(1).getString("content")).isEqualTo("42"));

    List<JsonObject> trl = lines(Server.get("/api/export?format=trl"), marker);
    assertThat(trl).extracting(r -> r.getString("completion")).containsExactly("6*7", "42");
    assertThat(trl).extracting(r -> r.getJsonNumber("reward").doubleValue()).containsExactly(0.5, 1.0);

    assertThat(lines(Server.get("/api/export?format=atlas&reviewStatus=any"), marker)).hasSize(2);
    assertThat(Server.get("/api/export").headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
  }

  @Test
  void badParametersAreRefused() {
    LimitsIT.assertProblem(Server.get("/api/export?format=csv"), 400, "'format' must be one of [atlas, openai, trl]");
    LimitsIT.assertProblem(Server.get("/api/export?reviewStatus=maybe"), 400, "'reviewStatus' must be any or one of");
  }

  @Test
  void theExportJobWritesTheTrlFormatToo() throws Exception {
    String marker = Server.marker();
    long id = Server.importSession(marker);
    Server.postJson("/api/sessions/" + id + "/review", "{\"status\":\"approved\"}");

    HttpResponse<String> started = Server.postJson("/api/jobs/export", "{\"output\":\"formats/" + marker + ".jsonl\",\"format\":\"trl\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long execution = Server.json(started).getJsonNumber("executionId").longValue();
    JsonObject done = null;
    for (int i = 0; i < 300; i++) {
      done = Server.json(Server.get("/api/jobs/" + execution));
      if (done.getString("batchStatus").equals("COMPLETED") || done.getString("batchStatus").equals("FAILED")) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(done.getString("batchStatus")).isEqualTo("COMPLETED");
    List<String> written = java.nio.file.Files.readAllLines(java.nio.file.Path.of(done.getJsonObject("parameters").getString("output")));
    assertThat(written).filteredOn(l -> l.contains(marker)).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"completion\""));
  }
}
