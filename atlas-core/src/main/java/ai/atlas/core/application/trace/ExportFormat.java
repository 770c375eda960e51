package ai.atlas.core.application.trace;

import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.SessionStep;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The export formats, each turning one session into its JSON lines:
 * <ul>
 *   <li>{@code atlas}: one line per session, the {@link AtlasTraceFormat} record;
 *   <li>{@code openai}: one chat fine-tuning line per answered session: the task as the user's
 *       message, the tools the agent called (an assistant turn with {@code tool_calls}, then a
 *       {@code tool} message per call), and the final answer as the assistant's;
 *   <li>{@code trl}: one prompt/completion/reward line per step (or one for the final answer when
 *       there are no steps), the reward being the step's own or else the session's.
 * </ul>
 */
public enum ExportFormat {
  ATLAS,
  OPENAI,
  TRL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ExportFormat> fromWire(String value) {
    return Arrays.stream(values()).filter(f -> f.wireName().equalsIgnoreCase(value == null ? "" : value.strip())).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(ExportFormat::wireName).toList();
  }

  public List<JsonObject> lines(AgentSession session) {
    return switch (this) {
      case ATLAS -> List.of(AtlasTraceFormat.toJson(session));
      case OPENAI -> openai(session);
      case TRL -> trl(session);
    };
  }

  private static List<JsonObject> openai(AgentSession session) {
    Optional<String> answer = session.getFinalAnswer();
    if (answer.isEmpty() || answer.get().isBlank()) {
      return List.of();
    }
    JsonArrayBuilder messages = Json.createArrayBuilder()
        .add(Json.createObjectBuilder().add("role", "user").add("content", session.getTask()));
    for (SessionStep step : session.getSteps()) {
      JsonValue stored = ai.atlas.core.common.Json.stored(step.getToolCalls());
      if (stored.getValueType() == JsonValue.ValueType.ARRAY && !stored.asJsonArray().isEmpty()) {
        addToolTurn(messages, step.getStepIndex(), stored.asJsonArray());
      }
    }
    messages.add(Json.createObjectBuilder().add("role", "assistant").add("content", answer.get()));
    return List.of(Json.createObjectBuilder().add("messages", messages).build());
  }

  /**
   * One assistant turn that calls the step's tools, then one {@code tool} message per call with
   * what it answered (empty where the agent did not report it), as chat fine-tuning expects.
   */
  private static void addToolTurn(JsonArrayBuilder messages, int stepIndex, JsonArray calls) {
    JsonArrayBuilder toolCalls = Json.createArrayBuilder();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      JsonObject call = calls.getJsonObject(i);
      String id = call.isNull("id") || !call.containsKey("id") ? "call_" + stepIndex + "_" + i : call.getString("id");
      ids.add(id);
      toolCalls.add(Json.createObjectBuilder()
          .add("id", id)
          .add("type", "function")
          .add("function", Json.createObjectBuilder()
              .add("name", call.getString("name"))
              .add("arguments", call.getString("arguments", "{}"))));
    }
    messages.add(Json.createObjectBuilder().add("role", "assistant").add("tool_calls", toolCalls));
    for (int i = 0; i < calls.size(); i++) {
      JsonObject call = calls.getJsonObject(i);
      String result = call.get("result") instanceof jakarta.json.JsonString text ? text.getString() : "";
      messages.add(Json.createObjectBuilder().add("role", "tool").add("tool_call_id", ids.get(i)).add("content", result));
    }
  }

  /** The id, or null for a session not stored yet. */
  private static JsonValue sessionId(AgentSession session) {
    return session.getId() == null ? JsonValue.NULL : Json.createValue(session.getId());
  }

  private static List<JsonObject> trl(AgentSession session) {
    List<JsonObject> lines = new ArrayList<>();
    JsonValue sessionReward = session.getSessionReward().map(r -> (JsonValue) Json.createValue(r)).orElse(JsonValue.NULL);
    for (SessionStep step : session.getSteps()) {
      String prompt = session.getTask() + "\n\nStep: " + step.getDescription().orElse("");
      lines.add(Json.createObjectBuilder()
          .add("prompt", prompt)
          .add("completion", step.getOutput().orElse(""))
          .add("reward", step.getReward().map(r -> (JsonValue) Json.createValue(r)).orElse(sessionReward))
          .add("session_id", sessionId(session))
          .add("step_id", step.getStepIndex())
          .build());
    }
    if (lines.isEmpty() && session.getFinalAnswer().isPresent()) {
      lines.add(Json.createObjectBuilder()
          .add("prompt", session.getTask())
          .add("completion", session.getFinalAnswer().get())
          .add("reward", sessionReward)
          .add("session_id", sessionId(session))
          .build());
    }
    return lines;
  }
}
