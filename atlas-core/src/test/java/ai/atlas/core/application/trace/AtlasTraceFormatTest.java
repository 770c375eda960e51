package ai.atlas.core.application.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.SessionStatus;
import jakarta.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AtlasTraceFormatTest {

  private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

  private static final String RECORD = """
      {"task": "Sum 2 and 2", "final_answer": "4", "profile": "math", "learning_key": "lk",
       "execution_mode": "coach", "status": "needs_review", "session_reward": 0.4,
       "reward_stats": {"accuracy": 0.4}, "session_metadata": {"team": "a"},
       "token_usage": {"prompt_tokens": 10, "completion_tokens": 3},
       "created_at": "2026-04-01T12:00:00Z", "completed_at": "2026-04-01T12:00:05Z",
       "review_status": "approved", "session_id": 77, "unknown_field": [1, 2],
       "plan": {"steps": [{"id": 1, "description": "add"}]}, "cost_usd": 0.0025,
       "steps": [{"description": "add", "output": "4", "status": "ok", "reward": {"score": 0.4, "judges": []},
                  "tool_calls": [{"id": "c1", "name": "calc", "arguments": "{}", "result": "4", "succeeded": true}],
                  "attempt_details": [{"attempt": 1, "guidance": null, "output": "5", "valid": false, "feedback": "recount"},
                                      {"attempt": 2, "guidance": "recount", "output": "4", "valid": true, "feedback": null}]}],
       "trajectory_events": [{"event_type": "retry", "payload": {"attempt": 2}, "created_at": "2026-04-01T12:00:01Z"}]}
      """;

  @Test
  void importThenExportKeepsEveryField() {
    AgentSession session = AtlasTraceFormat.fromJson(Json.parseObject(RECORD, "record"), NOW);
    JsonObject exported = AtlasTraceFormat.toJson(session);

    assertThat(exported.getString("task")).isEqualTo("Sum 2 and 2");
    assertThat(exported.getString("final_answer")).isEqualTo("4");
    assertThat(exported.getString("profile")).isEqualTo("math");
    assertThat(exported.getString("learning_key")).isEqualTo("lk");
    assertThat(exported.getString("execution_mode")).isEqualTo("coach");
    assertThat(exported.getString("status")).isEqualTo("needs_review");
    assertThat(exported.getJsonNumber("session_reward").doubleValue()).isEqualTo(0.4);
    assertThat(exported.getJsonObject("reward_stats").getJsonNumber("accuracy").doubleValue()).isEqualTo(0.4);
    assertThat(exported.getJsonObject("session_metadata").getString("team")).isEqualTo("a");
    assertThat(exported.getJsonObject("token_usage").getInt("total_tokens")).isEqualTo(13);
    assertThat(exported.getString("created_at")).isEqualTo("2026-04-01T12:00:00Z");
    assertThat(exported.getString("completed_at")).isEqualTo("2026-04-01T12:00:05Z");
    assertThat(exported.getJsonObject("plan")).isEqualTo(Json.parseObject(
        "{\"steps\": [{\"id\": 1, \"description\": \"add\"}]}", "plan"));
    assertThat(exported.getJsonNumber("cost_usd").doubleValue()).isEqualTo(0.0025);
    assertThat(exported.isNull("drift_score")).isTrue();
    assertThat(exported.getString("review_status")).isEqualTo("pending");
    assertThat(exported.isNull("review_notes")).isTrue();
    JsonObject step = exported.getJsonArray("steps").getJsonObject(0);
    assertThat(step).isEqualTo(Json.parseObject("""
        {"step_id": 0, "description": "add", "output": "4", "status": "ok",
         "reward": {"score": 0.4, "judges": [], "rationale": null},
         "tool": "calc", "tool_calls": [{"id": "c1", "name": "calc", "arguments": "{}", "result": "4", "succeeded": true}],
         "validation": {"valid": true, "guidance": null}, "attempts": 2, "guidance": ["recount"],
         "attempt_details": [{"attempt": 1, "guidance": null, "output": "5", "valid": false, "feedback": "recount"},
                             {"attempt": 2, "guidance": "recount", "output": "4", "valid": true, "feedback": null}]}""", "step"));
    JsonObject event = exported.getJsonArray("trajectory_events").getJsonObject(0);
    assertThat(event.getString("event_type")).isEqualTo("retry");
    assertThat(event.getJsonObject("payload").getInt("attempt")).isEqualTo(2);
    assertThat(event.getInt("seq")).isZero();
    assertThat(exported.keySet()).containsExactlyInAnyOrder("session_id", "task", "final_answer", "profile", "learning_key",
        "execution_mode", "status", "review_status", "review_notes", "plan", "session_reward", "cost_usd", "drift_score",
        "reward_stats", "session_metadata", "token_usage", "created_at", "completed_at", "steps", "trajectory_events");
  }

  @Test
  void anImportedSessionIsNewAndPendingWhateverTheRecordSaid() {
    AgentSession session = AtlasTraceFormat.fromJson(Json.parseObject(RECORD, "record"), NOW);
    assertThat(session.getId()).isNull();
    assertThat(session.getReviewStatus()).isEqualTo(ReviewStatus.PENDING);
    assertThat(AtlasTraceFormat.toJson(session).isNull("session_id")).isTrue();
  }

  @Test
  void absentValuesAreExportedAsNullSoEveryLineHasTheSameFields() {
    AgentSession minimal = AtlasTraceFormat.fromJson(Json.parseObject("{\"task\":\"t\"}", "record"), NOW);
    JsonObject exported = AtlasTraceFormat.toJson(minimal);
    assertThat(exported.isNull("final_answer")).isTrue();
    assertThat(exported.isNull("session_reward")).isTrue();
    assertThat(exported.isNull("session_metadata")).isTrue();
    assertThat(exported.getString("status")).isEqualTo("succeeded");
    assertThat(exported.getString("created_at")).isEqualTo(NOW.toString());
    assertThat(exported.getJsonArray("steps")).isEmpty();
  }

  @Test
  void aRunningRecordStaysRunning() {
    AgentSession running = AtlasTraceFormat.fromJson(Json.parseObject("{\"task\":\"t\",\"status\":\"running\"}", "r"), NOW);
    assertThat(running.getStatus()).isEqualTo(SessionStatus.RUNNING);
    assertThat(running.getCompletedAt()).isEmpty();
  }

  @Test
  void refusesWrongTypesNamingTheField() {
    assertRefused("{}", "'task' is required");
    assertRefused("{\"task\":\"  \"}", "'task' is required");
    assertRefused("{\"task\":3}", "'task' must be a string");
    assertRefused("{\"task\":\"t\",\"session_reward\":\"high\"}", "'session_reward' must be a number");
    assertRefused("{\"task\":\"t\",\"steps\":[3]}", "'steps[0]' must be a JSON object");
    assertRefused("{\"task\":\"t\",\"status\":\"done\"}", "'status' must be one of running, succeeded");
    assertRefused("{\"task\":\"t\",\"status\":\"queued\"}", "not 'queued'");
    assertRefused("{\"task\":\"t\",\"created_at\":\"yesterday\"}", "'created_at' must be an ISO-8601 instant");
    assertRefused("{\"task\":\"t\",\"token_usage\":{\"prompt_tokens\":-1}}", "'prompt_tokens' must be a whole number");
    assertRefused("{\"task\":\"t\",\"trajectory_events\":[{\"payload\":1}]}", "'event_type' is required");
  }

  @Test
  void reportsWhereJsonIsMalformed() {
    assertThatThrownBy(() -> Json.parseObject("{\"task\": \n ]", "body"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("malformed JSON at line 2");
  }

  private static void assertRefused(String json, String message) {
    assertThatThrownBy(() -> AtlasTraceFormat.fromJson(Json.parseObject(json, "record"), NOW))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
  }
}
