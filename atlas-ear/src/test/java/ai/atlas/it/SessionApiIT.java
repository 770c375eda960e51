package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Sessions stored and read back over REST, review, and the error bodies of the API. */
class SessionApiIT {

  @Test
  void anImportedSessionReadsBackWithItsTrace() {
    String task = Server.marker() + " what is six times seven?";
    long id = Server.importSession(task);

    HttpResponse<String> response = Server.get("/api/sessions/" + id);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject session = Server.json(response);
    assertThat(session.getString("task")).isEqualTo(task);
    assertThat(session.getString("finalAnswer")).isEqualTo("42");
    assertThat(session.getString("status")).isEqualTo("succeeded");
    assertThat(session.getString("reviewStatus")).isEqualTo("pending");
    assertThat(session.getString("executionMode")).isEqualTo("paired");
    assertThat(session.getJsonNumber("sessionReward").doubleValue()).isEqualTo(0.75);
    assertThat(session.getJsonObject("metadata").getString("source")).isEqualTo("it");
    assertThat(session.getJsonArray("steps")).hasSize(2);
    assertThat(session.getJsonArray("steps").getJsonObject(1).getString("output")).isEqualTo("42");
    assertThat(session.getJsonArray("events").getJsonObject(0).getString("type")).isEqualTo("model_call");
  }

  @Test
  void reviewChangesTheStatusAndKeepsAnAuditedHistory() {
    long id = Server.importSession(Server.marker());

    HttpResponse<String> reviewed =
        Server.postJson("/api/sessions/" + id + "/review", "{\"status\":\"quarantined\",\"note\":\"leaks a key\"}");
    assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
    Server.postJson("/api/sessions/" + id + "/review", "{\"status\":\"approved\"}");

    JsonObject session = Server.json(Server.get("/api/sessions/" + id));
    assertThat(session.getString("reviewStatus")).isEqualTo("approved");
    assertThat(session.getString("reviewNotes")).isEqualTo("leaks a key");
    var history = session.getJsonArray("reviewHistory");
    assertThat(history).hasSize(2);
    assertThat(history.getJsonObject(0).getString("from")).isEqualTo("pending");
    assertThat(history.getJsonObject(0).getString("to")).isEqualTo("quarantined");
    assertThat(history.getJsonObject(0).getString("actor")).isEqualTo("admin");
    assertThat(history.getJsonObject(1).getString("to")).isEqualTo("approved");
  }

  @Test
  void listingFiltersByReviewStatusAndPages() {
    long approved = Server.importSession(Server.marker());
    Server.postJson("/api/sessions/" + approved + "/review", "{\"status\":\"approved\"}");
    long pending = Server.importSession(Server.marker());

    JsonObject page = Server.json(Server.get("/api/sessions?reviewStatus=approved&size=200"));
    var ids = page.getJsonArray("items").stream().map(v -> v.asJsonObject().getJsonNumber("id").longValue()).toList();
    assertThat(ids).contains(approved).doesNotContain(pending);
    assertThat(page.getJsonArray("items")).allSatisfy(v ->
        assertThat(v.asJsonObject().getString("reviewStatus")).isEqualTo("approved"));

    JsonObject first = Server.json(Server.get("/api/sessions?size=1&page=0"));
    assertThat(first.getJsonArray("items")).hasSize(1);
    assertThat(first.getInt("size")).isEqualTo(1);
    assertThat(first.getJsonNumber("total").longValue()).isGreaterThanOrEqualTo(2);
    assertThat(first.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue()).isEqualTo(pending);
  }

  @Test
  void unknownIdsAnswer404AsAProblem() {
    assertProblem(Server.get("/api/sessions/987654321"), 404, "no session with id 987654321");
    assertProblem(Server.get("/api/jobs/987654321"), 404, "no job execution with id 987654321");
    assertProblem(Server.get("/api/no-such-thing"), 404, "no such resource");
  }

  @Test
  void malformedOrInvalidInputAnswers400SayingWhatIsWrong() {
    assertProblem(Server.postJson("/api/sessions/import", "{\"task\": "), 400, "malformed JSON");
    assertProblem(Server.postJson("/api/sessions/import", "{\"final_answer\":\"x\"}"), 400, "'task' is required");
    assertProblem(Server.postJson("/api/sessions/import", "{\"task\":\"t\",\"steps\":{}}"), 400, "'steps' must be a JSON array");
    assertProblem(Server.postJson("/api/sessions/import", "[1,2]"), 400, "must be a JSON object");
    assertProblem(Server.get("/api/sessions?size=abc"), 400, "'size' must be a whole number");
    assertProblem(Server.get("/api/sessions?size=100000"), 400, "'size' must be between 1 and 200");
    assertProblem(Server.get("/api/sessions?page=-1"), 400, "'page' must be 0 or more");
    assertProblem(Server.get("/api/sessions?page=99999999&size=200"), 400, "'page' is too large");
    assertProblem(Server.get("/api/sessions?reviewStatus=maybe"), 400, "'reviewStatus' must be any or one of pending, approved, quarantined");
    long id = Server.importSession(Server.marker());
    assertProblem(Server.postJson("/api/sessions/" + id + "/review", "{\"status\":\"great\"}"), 400, "'status' must be one of");
    assertProblem(Server.postJson("/api/jobs/export", "{\"output\":\"../../escape.jsonl\"}"), 400, "inside the export folder");
    assertProblem(Server.postJson("/api/jobs/export", "{\"output\":\"x.jsonl\",\"format\":\"csv\"}"), 400, "'format' must be");
  }

  private static void assertProblem(HttpResponse<String> response, int status, String detail) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
        assertThat(t).startsWith("application/problem+json"));
    JsonObject problem = Server.json(response);
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).contains(detail);
    assertThat(response.body()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void feedbackIsRecordedWithItsRatingAndWho() {
    long id = Server.importSession(Server.marker());

    assertThat(Server.postJson("/api/sessions/" + id + "/feedback", "{\"kind\":\"thumbs\",\"value\":\"up\"}").statusCode()).isEqualTo(200);
    assertThat(Server.postJson("/api/sessions/" + id + "/feedback", "{\"kind\":\"rating\",\"value\":4,\"comment\":\"good\"}").statusCode())
        .isEqualTo(200);
    HttpResponse<String> edited = Server.postJson("/api/sessions/" + id + "/feedback",
        "{\"kind\":\"edit\",\"edited_answer\":\"forty-two\"}");

    var feedback = Server.json(edited).getJsonArray("feedback").getValuesAs(JsonObject.class);
    assertThat(feedback).extracting(f -> f.getString("kind")).containsExactly("thumbs", "rating", "edit");
    assertThat(feedback.get(0).getJsonNumber("rating").doubleValue()).isEqualTo(1.0);
    assertThat(feedback.get(1).getJsonNumber("rating").doubleValue()).isEqualTo(0.75);
    assertThat(feedback.get(2).getString("editedAnswer")).isEqualTo("forty-two");
    assertThat(feedback).allSatisfy(f -> assertThat(f.getString("actor")).isEqualTo("admin"));
    assertProblem(Server.postJson("/api/sessions/" + id + "/feedback", "{\"kind\":\"rating\",\"value\":9}"), 400,
        "rating feedback needs 'value' from 1 to 5, not '9'");
    assertProblem(Server.postJson("/api/sessions/" + id + "/feedback", "{\"kind\":\"stars\"}"), 400, "'kind' must be one of");
  }
}
