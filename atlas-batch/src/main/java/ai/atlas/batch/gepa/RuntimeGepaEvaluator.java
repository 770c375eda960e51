package ai.atlas.batch.gepa;

import ai.atlas.core.common.Json;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.gepa.GepaEvaluator;
import ai.atlas.core.gepa.GepaTask;
import ai.atlas.core.runtime.SessionRuntime;
import ai.atlas.core.sessions.SessionService;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A candidate's evaluation as a real session: the task runs through the runtime loop with the
 * candidate's templates (no learning, left for review), the reward system scores it against the
 * task's reference, and the judges' rationales are the feedback the reflection reads. A session
 * that fails or is not scored counts 0.
 */
final class RuntimeGepaEvaluator implements GepaEvaluator {

  private final SessionRuntime runtime;
  private final SessionService sessions;
  private final String profile;
  private final String runTag;
  private final long timeoutSeconds;

  RuntimeGepaEvaluator(SessionRuntime runtime, SessionService sessions, String profile, String runTag, long timeoutSeconds) {
    this.runtime = runtime;
    this.sessions = sessions;
    this.profile = profile;
    this.runTag = runTag;
    this.timeoutSeconds = timeoutSeconds;
  }

  @Override
  public Outcome evaluate(Map<String, String> prompts, GepaTask task) {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("gepa", runTag);
    if (task.reference() != null) {
      metadata.put("reference", task.reference());
    }
    SessionRuntime.Started started = runtime.run(new SessionRuntime.Request(profile, task.task(), metadata, null, prompts));
    try {
      started.outcome().get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      return new Outcome(0, task.task(), "", "the run took longer than " + timeoutSeconds + " s");
    } catch (ExecutionException e) {
      return new Outcome(0, task.task(), "", "the run failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while evaluating a candidate", e);
    }
    return sessions.get(started.sessionId(), session -> new Outcome(session.getSessionReward().orElse(0.0), task.task(),
        session.getFinalAnswer().orElse(""), feedback(session)));
  }

  /** Each judge's score and rationale, from the session's reward stats. */
  static String feedback(AgentSession session) {
    if (session.getRewardStats().isEmpty()) {
      return session.getSessionReward().isEmpty() ? "not scored" : "";
    }
    JsonValue stats = Json.parse(session.getRewardStats().get());
    if (!(stats instanceof JsonObject object) || !(object.get("judges") instanceof JsonObject judges)) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    judges.forEach((name, value) -> {
      if (value instanceof JsonObject judge) {
        out.append(name);
        if (judge.get("score") instanceof jakarta.json.JsonNumber score) {
          out.append(String.format(Locale.ROOT, " %.2f", score.doubleValue()));
        }
        out.append(": ").append(judge.getString("rationale", "")).append("; ");
      }
    });
    return out.toString().strip();
  }
}
