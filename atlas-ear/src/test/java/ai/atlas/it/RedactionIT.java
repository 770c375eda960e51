package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What leaves the server is redacted, and a live secret never stays anywhere: it is scrubbed
 * before a session is stored, so it is in no API answer, no export and no log.
 */
class RedactionIT {

  @Test
  void exportsAreRedactedAndAPlantedSecretIsNowhere() throws IOException, InterruptedException {
    String secret = "sk-it-" + UUID.randomUUID().toString().replace("-", "");
    Path secrets = Files.createDirectories(Server.serverDir().resolve("secrets"));
    Files.writeString(secrets.resolve("IT_PLANTED_API_KEY"), secret);
    String marker = Server.marker();

    String trace = Json.createObjectBuilder()
        .add("task", marker + " email jane.doe@example.com, call +1 415-555-0132, key " + secret)
        .add("final_answer", "charged card 4111 1111 1111 1111")
        .add("steps", Json.createArrayBuilder().add(Json.createObjectBuilder().add("description", "lookup").add("output", "found jane.doe@example.com")))
        .build().toString();
    HttpResponse<String> created = Server.postJson("/api/sessions/import", trace);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = Server.json(created).getJsonNumber("id").longValue();

    // Stored scrubbed of the secret; the rest is kept for reviewers.
    String stored = Server.get("/api/sessions/" + id).body();
    assertThat(stored).doesNotContain(secret).contains("[REDACTED:secret]").contains("jane.doe@example.com");

    Server.postJson("/api/sessions/" + id + "/review", "{\"status\":\"approved\"}");
    HttpResponse<String> started = Server.postJson("/api/jobs/export", "{\"output\":\"redaction/" + marker + ".jsonl\"}");
    JsonObject execution = awaitEnd(Server.json(started).getJsonNumber("executionId").longValue());
    assertThat(execution.getString("batchStatus")).isEqualTo("COMPLETED");

    Path file = Path.of(execution.getJsonObject("parameters").getString("output"));
    String exported = Files.readAllLines(file).stream().filter(l -> l.contains(marker)).findFirst().orElseThrow();
    JsonObject record = Json.createReader(new StringReader(exported)).readObject();
    assertThat(record.getString("task"))
        .isEqualTo(marker + " email [REDACTED:email], call [REDACTED:phone], key [REDACTED:secret]");
    assertThat(record.getString("final_answer")).isEqualTo("charged card [REDACTED:card]");
    assertThat(record.getJsonArray("steps").getJsonObject(0).getString("output")).isEqualTo("found [REDACTED:email]");
    assertThat(Files.readString(file)).doesNotContain(secret, "jane.doe@example.com", "415-555-0132", "4111 1111");

    assertThat(Server.get("/api/audit?size=500").body()).doesNotContain(secret);
    try (Stream<Path> logs = Files.walk(Server.serverDir().resolve("logs"))) {
      List<Path> files = logs.filter(Files::isRegularFile).toList();
      for (Path log : files) {
        assertThat(Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1)).as(log.toString()).doesNotContain(secret);
      }
    }
  }

  private static JsonObject awaitEnd(long executionId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      JsonObject execution = Server.json(Server.get("/api/jobs/" + executionId));
      String status = execution.getString("batchStatus");
      if (!status.equals("STARTING") && !status.equals("STARTED")) {
        return execution;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("job " + executionId + " did not end");
  }
}
