package ai.atlas.web.interfaces.rewards;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.domain.reward.JudgementRecord;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.reward.JudgementRecorder;
import ai.atlas.core.reward.RewardEvaluator;
import ai.atlas.core.reward.RewardSystem;
import ai.atlas.spi.AgentStep;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The reward system alone: score a prompt and a response with a profile's judges. */
@Path("/rewards")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RewardResource {

  /** One stored judge call. */
  public record JudgeCallDto(String judge, String kind, Double temperature, String prompt, String response, Double score,
      boolean parsed, Long sessionId) {}

  @Inject RewardSystem rewards;
  @Inject JudgementRecorder judgements;

  @POST
  @Path("/evaluate")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Score a response with a profile's judges: the score, rationale, each judge's result, arbiter use, tokens")
  public EvaluationDto evaluate(String body) {
    JsonObject request = Json.parseObject(body == null || body.isBlank() ? "{}" : body, "the request body");
    String profile = Json.requiredString(request, "profile");
    RewardEvaluator.Request scored = new RewardEvaluator.Request(
        Json.requiredString(request, "prompt"),
        Json.optionalString(request, "response").orElseThrow(() -> new InvalidInputException("'response' is required")),
        Json.optionalString(request, "reference").orElse(null),
        context(request),
        steps(request),
        java.util.Map.of());
    return EvaluationDto.of(rewards.evaluate(profile, scored));
  }

  @GET
  @Path("/evaluations/{id: [0-9a-f-]{36}}")
  @RolesAllowed(Role.REVIEWER_NAME)
  @Operation(summary = "What the judges of an evaluation were sent and answered, call by call")
  public List<JudgeCallDto> calls(@PathParam("id") String id) {
    List<JudgementRecord> calls = judgements.ofEvaluation(id);
    if (calls.isEmpty()) {
      throw new NotFoundException("no evaluation with id " + id);
    }
    return calls.stream().map(c -> new JudgeCallDto(c.getJudge(), c.getKind(), c.getTemperature().orElse(null),
        c.getPrompt().orElse(null), c.getResponse().orElse(null), c.getScore().orElse(null), c.isParsed(),
        c.getSessionId().orElse(null))).toList();
  }

  /** {@code context}: text, or any JSON value (written into the judges' prompt as JSON). */
  private static String context(JsonObject request) {
    JsonValue value = request.get("context");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    return value instanceof jakarta.json.JsonString text ? text.getString() : value.toString();
  }

  private static List<AgentStep> steps(JsonObject request) {
    JsonArray array = Json.optionalArray(request, "steps").orElse(JsonValue.EMPTY_JSON_ARRAY);
    List<AgentStep> steps = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidInputException("'steps[" + i + "]' must be a JSON object");
      }
      JsonObject step = array.getJsonObject(i);
      steps.add(new AgentStep(step.getString("description", ""), step.getString("output", ""), List.of()));
    }
    return steps;
  }
}
