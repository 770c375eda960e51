package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The embedded default: the server runs a session with the demo model it ships (the local-model
 * plugin, no network, no key) and scores it against the reference.
 */
class DemoModelIT {

  @Test
  void theDemoProfileAnswersWithTheShippedModelAndIsScored() {
    HttpResponse<String> response = Server.postJson("/api/sessions?wait=true", Json.createObjectBuilder()
        .add("profile", "demo-arithmetic")
        .add("task", "Ann has 3 apples and gets 4 more. How many apples does Ann have now?")
        .add("metadata", Json.createObjectBuilder().add("reference", "7"))
        .build().toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject session = Server.json(response);
    assertThat(session.getString("status")).as(response.body()).isEqualTo("succeeded");
    assertThat(session.getString("executionMode")).isEqualTo("auto");
    assertThat(session.getString("finalAnswer")).isNotBlank();
    assertThat(session.getJsonObject("tokenUsage").getJsonNumber("completionTokens").longValue()).isBetween(1L, 8L);
    assertThat(session.containsKey("sessionReward")).as("the numeric judge scored it: %s", response.body()).isTrue();
    assertThat(Server.get("/api/plugins").body()).contains("atlas-local-model");
  }

  @Test
  void theDefaultProfilesTeacherCorrectsTheStudentWithGuidanceItUses() {
    // a held-out task the shipped student gets wrong alone and right with the teacher's spelling
    HttpResponse<String> response = Server.postJson("/api/sessions?wait=true", Json.createObjectBuilder()
        .add("profile", "demo-local")
        .add("task", "What is letter 7 of w, e, d, v, t, u, o, i?")
        .add("metadata", Json.createObjectBuilder().add("reference", "o"))
        .build().toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject session = Server.json(response);
    assertThat(session.getString("executionMode")).isEqualTo("paired");
    assertThat(session.getString("finalAnswer")).as(response.body()).isEqualTo("o");
    assertThat(session.getJsonNumber("sessionReward").doubleValue()).isEqualTo(1.0);
    var attempts = session.getJsonArray("steps").getJsonObject(0).getJsonArray("attempts").getValuesAs(JsonObject.class);
    assertThat(attempts).hasSizeGreaterThanOrEqualTo(2);
    assertThat(attempts.get(0).getString("output")).as("the student alone").isNotEqualTo("o");
    assertThat(attempts.get(0).getString("guidance", null)).isNull();
    assertThat(attempts).extracting(a -> a.getString("output"), a -> a.getString("guidance", null))
        .contains(org.assertj.core.groups.Tuple.tuple("o", "w1 e2 d3 v4 t5 u6 o7"));
    var events = session.getJsonArray("events").getValuesAs(JsonObject.class).stream().map(e -> e.getString("type")).toList();
    assertThat(events).containsSubsequence("student.call", "teacher.call", "validation", "student.call", "judgement");
  }
}
