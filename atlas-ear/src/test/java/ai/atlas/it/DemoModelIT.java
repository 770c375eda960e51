package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The embedded default: the server runs a session with the demo model it ships (the local-model
 * plugin, no network, no key) and scores it against the reference; the demo's learning model
 * distils its sessions into playbook entries.
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

  @Test
  void theDefaultProfileLearnsPlaybookEntriesFromItsSessionsAndReadsTheirReward() {
    // a key of this test's own, so entries other tests taught the same task family do not hide these
    String key = "demo-learning-" + System.nanoTime();
    // guided to the right answer: a lesson for the student, for place 7
    JsonObject guided = session("What is letter 7 of w, e, d, v, t, u, o, i?", "o", key);
    // the same run, scored 0 against a reference no answer can match: a lesson for the teacher instead
    JsonObject unrewarded = session("What is letter 3 of h, r, n, q, w, x, f, a?", "nothing here", key);

    assertThat(guided.getJsonNumber("sessionReward").doubleValue()).isEqualTo(1.0);
    assertThat(unrewarded.getJsonNumber("sessionReward").doubleValue()).isEqualTo(0.0);
    for (JsonObject session : java.util.List.of(guided, unrewarded)) {
      assertThat(session.getString("status")).as("scored, not accepted by the teacher").isEqualTo("needs_review");
      JsonObject learned = session.getJsonArray("events").getValuesAs(JsonObject.class).stream()
          .filter(e -> e.getString("type").equals("playbook.learned")).findFirst().orElseThrow(() -> new AssertionError(
              "no playbook.learned event: " + session));
      assertThat(learned.toString()).contains("\"kept\":1").contains("learning.synthesis@");
    }
    var entries = Server.jsonArray(Server.get("/api/playbooks?learningKey=" + key));
    assertThat(entries).extracting(e -> e.getJsonNumber("sourceSessionId").longValue(), e -> e.getString("cue"),
        e -> e.getString("cueKind"), e -> e.getString("audience"))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(guided.getJsonNumber("id").longValue(), "7", "keyword", "student"),
            org.assertj.core.groups.Tuple.tuple(unrewarded.getJsonNumber("id").longValue(), "3", "keyword", "teacher"));
    assertThat(entries).allSatisfy(e -> assertThat(e.getString("action")).contains("letter " + e.getString("cue")));
    // the profile's entries are what the learning view lists for it; demo-local learns without injecting them
    assertThat(Server.jsonArray(Server.get("/api/playbooks?profile=demo-local"))).extracting(e -> e.getJsonNumber("id").longValue())
        .containsAll(entries.stream().map(e -> e.getJsonNumber("id").longValue()).toList());
    assertThat(Server.jsonArray(Server.get("/api/playbooks?profile=no-such-profile"))).isEmpty();
    assertThat(guided.getJsonArray("events").toString()).doesNotContain("playbook.injected");
  }

  /**
   * The run-time loop in two sessions of one task on {@code demo-playbook}: the first gets a
   * verdict without guidance and stays wrong, and the learner writes the teacher a lesson for its
   * place; the second carries that lesson in the teacher's prompt only, and the teacher, which
   * reads it, spells the list, so the student answers right. Fails if the lesson stopped reaching
   * the teacher, if the learner stopped reading the trace, or if the student got the teacher's lines.
   */
  @Test
  void aLessonLearnedFromOneSessionChangesTheTeacherInTheNext() {
    String key = "demo-playbook-" + System.nanoTime();
    String task = "What is letter 6 of o, l, u, g, c, b, s, e?";
    JsonObject first = session("demo-playbook", task, "b", key);
    JsonObject second = session("demo-playbook", task, "b", key);

    assertThat(first.getJsonNumber("sessionReward").doubleValue()).as(first.toString()).isEqualTo(0.0);
    assertThat(guidances(first)).as("no lesson yet: verdicts without guidance").containsOnly("");
    assertThat(eventOf(first, "playbook.learned").toString())
        .contains("teacher, keyword 6: give guidance: the list with places to letter 6");
    JsonObject lesson = Server.jsonArray(Server.get("/api/playbooks?learningKey=" + key)).get(0);

    JsonObject injected = eventOf(second, "playbook.injected").getJsonObject("payload");
    assertThat(injected.getJsonArray("teacher").getJsonNumber(0).longValue()).isEqualTo(lesson.getJsonNumber("id").longValue());
    assertThat(injected.getJsonArray("student")).as("apply_to: [teacher]").isEmpty();
    assertThat(guidances(second)).contains("o1 l2 u3 g4 c5 b6");
    assertThat(second.getString("finalAnswer")).isEqualTo("b");
    assertThat(second.getJsonNumber("sessionReward").doubleValue()).isEqualTo(1.0);
  }

  private static java.util.List<String> guidances(JsonObject session) {
    return session.getJsonArray("events").getValuesAs(JsonObject.class).stream().filter(e -> e.getString("type").equals("validation"))
        .map(e -> e.getJsonObject("payload").getString("guidance")).toList();
  }

  private static JsonObject eventOf(JsonObject session, String type) {
    return session.getJsonArray("events").getValuesAs(JsonObject.class).stream().filter(e -> e.getString("type").equals(type))
        .findFirst().orElseThrow(() -> new AssertionError("no " + type + " event: " + session));
  }

  private static JsonObject session(String task, String reference, String learningKey) {
    return session("demo-local", task, reference, learningKey);
  }

  private static JsonObject session(String profile, String task, String reference, String learningKey) {
    HttpResponse<String> response = Server.postJson("/api/sessions?wait=true", Json.createObjectBuilder()
        .add("profile", profile).add("task", task)
        .add("metadata", Json.createObjectBuilder().add("reference", reference).add("learning_key", learningKey))
        .build().toString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Server.json(response);
  }
}
