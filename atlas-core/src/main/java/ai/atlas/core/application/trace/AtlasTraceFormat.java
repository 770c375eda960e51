package ai.atlas.core.application.trace;

import static ai.atlas.core.common.Json.optionalArray;
import static ai.atlas.core.common.Json.optionalCount;
import static ai.atlas.core.common.Json.optionalInstant;
import static ai.atlas.core.common.Json.optionalNumber;
import static ai.atlas.core.common.Json.optionalObject;
import static ai.atlas.core.common.Json.optionalString;
import static ai.atlas.core.common.Json.requiredString;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.domain.session.SessionStep;
import ai.atlas.core.domain.session.StepAttempt;
import ai.atlas.core.domain.session.TrajectoryEvent;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Converts sessions to and from the {@code atlas} trace format. Absent values are written as JSON
 * null, so every line of an export has the same fields. On import, fields this format does not
 * know are ignored (traces from other tools carry more), and a field of the wrong type is refused
 * with a message that names it.
 */
public final class AtlasTraceFormat {

  private static final String IMPORTABLE_STATUSES = Arrays.stream(SessionStatus.values())
      .filter(status -> status != SessionStatus.QUEUED)
      .map(SessionStatus::wireName)
      .collect(Collectors.joining(", "));

  private AtlasTraceFormat() {}

  /** One session as an {@code atlas} trace record. */
  public static JsonObject toJson(AgentSession session) {
    JsonArrayBuilder steps = jakarta.json.Json.createArrayBuilder();
    for (SessionStep step : session.getSteps()) {
      steps.add(step(step));
    }
    JsonArrayBuilder events = jakarta.json.Json.createArrayBuilder();
    for (TrajectoryEvent event : session.getEvents()) {
      events.add(
          jakarta.json.Json.createObjectBuilder()
              .add("seq", event.getSeq())
              .add("event_type", event.getType())
              .add("payload", Json.stored(event.getPayload()))
              .add("created_at", event.getCreatedAt().toString()));
    }
    JsonObjectBuilder record = jakarta.json.Json.createObjectBuilder()
        .add("session_id", session.getId() == null ? JsonValue.NULL : jakarta.json.Json.createValue(session.getId()))
        .add("task", session.getTask())
        .add("final_answer", text(session.getFinalAnswer()))
        .add("profile", text(session.getProfile()))
        .add("learning_key", text(session.getLearningKey()))
        .add("execution_mode", text(session.getExecutionMode()))
        .add("status", session.getStatus().wireName())
        .add("review_status", session.getReviewStatus().wireName())
        .add("review_notes", text(session.getReviewNotes()))
        .add("plan", plan(session))
        .add("session_reward", number(session.getSessionReward()))
        .add("cost_usd", number(session.getCostUsd()))
        .add("drift_score", number(session.getDriftScore()))
        .add("reward_stats", Json.stored(session.getRewardStats()))
        .add("session_metadata", Json.stored(session.getMetadata()))
        .add("token_usage", jakarta.json.Json.createObjectBuilder()
            .add("prompt_tokens", session.getPromptTokens())
            .add("completion_tokens", session.getCompletionTokens())
            .add("total_tokens", session.getPromptTokens() + session.getCompletionTokens()))
        .add("created_at", session.getCreatedAt().toString())
        .add("completed_at", text(session.getCompletedAt().map(Instant::toString)))
        .add("steps", steps)
        .add("trajectory_events", events);
    return record.build();
  }

  /**
   * A new, pending-review session from an {@code atlas} trace record. Ids and review fields of the
   * record are not taken over: an imported session is new here and is reviewed here.
   */
  public static AgentSession fromJson(JsonObject record, Instant now) {
    String task = requiredString(record, "task");
    AgentSession session = new AgentSession(task, optionalInstant(record, "created_at").orElse(now));
    optionalString(record, "profile").ifPresent(session::setProfile);
    optionalString(record, "learning_key").ifPresent(session::setLearningKey);
    optionalString(record, "execution_mode").ifPresent(session::setExecutionMode);
    optionalNumber(record, "session_reward").map(r -> finite(r, "session_reward")).ifPresent(session::setSessionReward);
    optionalNumber(record, "cost_usd").map(r -> finite(r, "cost_usd")).ifPresent(session::setCostUsd);
    optionalObject(record, "plan").flatMap(plan -> optionalArray(plan, "steps")).map(AtlasTraceFormat::planFrom)
        .filter(plan -> !plan.isEmpty()).map(plan -> plan.toString()).ifPresent(session::setPlan);
    optionalObject(record, "reward_stats").map(JsonValue::toString).ifPresent(session::setRewardStats);
    optionalObject(record, "session_metadata").map(JsonValue::toString).ifPresent(session::setMetadata);
    optionalObject(record, "token_usage").ifPresent(usage ->
        session.addTokenUsage(optionalCount(usage, "prompt_tokens"), optionalCount(usage, "completion_tokens")));

    JsonArray steps = optionalArray(record, "steps").orElse(JsonValue.EMPTY_JSON_ARRAY);
    for (int i = 0; i < steps.size(); i++) {
      JsonObject step = element(steps, i, "steps");
      SessionStep stored = session.addStep(optionalString(step, "description").orElse(null));
      stored.finish(
          optionalString(step, "output").orElse(null),
          optionalString(step, "status").orElse(null),
          stepReward(step));
      optionalArray(step, "tool_calls").map(JsonArray::toString).ifPresent(stored::setToolCalls);
      JsonArray attempts = optionalArray(step, "attempt_details").orElse(JsonValue.EMPTY_JSON_ARRAY);
      for (int a = 0; a < attempts.size(); a++) {
        JsonObject attempt = element(attempts, a, "steps[].attempt_details");
        JsonValue valid = attempt.get("valid");
        stored.addAttempt(optionalString(attempt, "guidance").orElse(null), optionalString(attempt, "output").orElse(null),
            valid == JsonValue.TRUE ? Boolean.TRUE : valid == JsonValue.FALSE ? Boolean.FALSE : null,
            optionalString(attempt, "feedback").orElse(null));
      }
    }
    JsonArray events = optionalArray(record, "trajectory_events").orElse(JsonValue.EMPTY_JSON_ARRAY);
    for (int i = 0; i < events.size(); i++) {
      JsonObject event = element(events, i, "trajectory_events");
      JsonValue payload = event.getOrDefault("payload", JsonValue.NULL);
      session.recordEvent(
          requiredString(event, "event_type"),
          payload.getValueType() == JsonValue.ValueType.NULL ? null : payload.toString(),
          optionalInstant(event, "created_at").orElse(session.getCreatedAt()));
    }

    // An imported record is history, never work: "queued" would hand it to the session queue to run.
    SessionStatus status = optionalString(record, "status")
        .map(s -> SessionStatus.fromWire(s).filter(parsed -> parsed != SessionStatus.QUEUED)
            .orElseThrow(() -> new InvalidInputException(
                "'status' must be one of " + IMPORTABLE_STATUSES + ", not '" + s + "'")))
        .orElse(SessionStatus.SUCCEEDED);
    if (status != SessionStatus.RUNNING) {
      session.complete(
          status,
          optionalString(record, "final_answer").orElse(null),
          optionalInstant(record, "completed_at").orElse(session.getCreatedAt()));
    }
    return session;
  }

  /**
   * A step in the atlas-sdk layout: its reward as {@code {score, judges, rationale}}, the last
   * attempt's verdict as {@code validation}, the number of attempts, the guidance given, and the
   * attempts themselves with the tools called.
   */
  private static JsonObject step(SessionStep step) {
    JsonArrayBuilder guidance = jakarta.json.Json.createArrayBuilder();
    JsonArrayBuilder attempts = jakarta.json.Json.createArrayBuilder();
    JsonObjectBuilder validation = jakarta.json.Json.createObjectBuilder();
    for (StepAttempt attempt : step.getAttempts()) {
      attempt.getGuidance().ifPresent(guidance::add);
      attempts.add(jakarta.json.Json.createObjectBuilder()
          .add("attempt", attempt.getNumber())
          .add("guidance", text(attempt.getGuidance()))
          .add("output", text(attempt.getOutput()))
          .add("valid", attempt.getValid().<JsonValue>map(v -> v ? JsonValue.TRUE : JsonValue.FALSE).orElse(JsonValue.NULL))
          .add("feedback", text(attempt.getFeedback())));
      validation = jakarta.json.Json.createObjectBuilder()
          .add("valid", attempt.getValid().<JsonValue>map(v -> v ? JsonValue.TRUE : JsonValue.FALSE).orElse(JsonValue.NULL))
          .add("guidance", text(attempt.getFeedback()));
    }
    JsonValue toolCalls = Json.stored(step.getToolCalls());
    JsonArray calls = toolCalls.getValueType() == JsonValue.ValueType.ARRAY ? toolCalls.asJsonArray() : JsonValue.EMPTY_JSON_ARRAY;
    return jakarta.json.Json.createObjectBuilder()
        .add("step_id", step.getStepIndex())
        .add("description", text(step.getDescription()))
        .add("output", text(step.getOutput()))
        .add("status", text(step.getStatus()))
        .add("reward", step.getReward().<JsonValue>map(r -> jakarta.json.Json.createObjectBuilder()
            .add("score", r).add("judges", JsonValue.EMPTY_JSON_ARRAY).add("rationale", JsonValue.NULL).build()).orElse(JsonValue.NULL))
        .add("tool", calls.isEmpty() ? JsonValue.NULL : calls.getJsonObject(0).get("name"))
        .add("tool_calls", calls)
        .add("validation", validation)
        .add("attempts", step.getAttempts().size())
        .add("guidance", guidance)
        .add("attempt_details", attempts)
        .build();
  }

  /** The reviewed plan as {@code {"steps": [{"id", "description"}]}}, or an empty object where there was none. */
  private static JsonObject plan(AgentSession session) {
    JsonValue stored = Json.stored(session.getPlan());
    if (stored.getValueType() != JsonValue.ValueType.ARRAY) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    JsonArrayBuilder steps = jakarta.json.Json.createArrayBuilder();
    JsonArray descriptions = stored.asJsonArray();
    for (int i = 0; i < descriptions.size(); i++) {
      steps.add(jakarta.json.Json.createObjectBuilder().add("id", i + 1).add("description", descriptions.get(i)));
    }
    return jakarta.json.Json.createObjectBuilder().add("steps", steps).build();
  }

  private static JsonArray planFrom(JsonArray steps) {
    JsonArrayBuilder descriptions = jakarta.json.Json.createArrayBuilder();
    for (int i = 0; i < steps.size(); i++) {
      optionalString(element(steps, i, "plan.steps"), "description").ifPresent(descriptions::add);
    }
    return descriptions.build();
  }

  /** A step's reward: a number, or the atlas-sdk's {@code {"score": ..}} object. */
  private static Double stepReward(JsonObject step) {
    JsonValue reward = step.get("reward");
    if (reward != null && reward.getValueType() == JsonValue.ValueType.OBJECT) {
      return optionalNumber(reward.asJsonObject(), "score").map(r -> finite(r, "steps[].reward.score")).orElse(null);
    }
    return optionalNumber(step, "reward").map(r -> finite(r, "steps[].reward")).orElse(null);
  }

  private static JsonObject element(JsonArray array, int index, String field) {
    JsonValue value = array.get(index);
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidInputException("'" + field + "[" + index + "]' must be a JSON object");
    }
    return value.asJsonObject();
  }

  private static double finite(double value, String field) {
    if (!Double.isFinite(value)) {
      throw new InvalidInputException("'" + field + "' must be a finite number");
    }
    return value;
  }

  private static JsonValue text(Optional<String> value) {
    return value.<JsonValue>map(jakarta.json.Json::createValue).orElse(JsonValue.NULL);
  }

  private static JsonValue number(Optional<Double> value) {
    return value.<JsonValue>map(jakarta.json.Json::createValue).orElse(JsonValue.NULL);
  }
}
