package ai.atlas.web.interfaces.profiles;

import ai.atlas.core.application.jobs.JobResults;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.profile.ProfileService;
import ai.atlas.core.profile.PromptVersions;
import ai.atlas.web.interfaces.support.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A profile's prompt versions: list them, adopt one (a GEPA job's candidate, or templates given
 * directly) as the active version, and activate an older one or none (version 0) to roll back.
 */
@Path("/profiles/{name}/prompt-versions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PromptVersionResource {

  @Inject ProfileService profiles;
  @Inject PromptVersions versions;
  @Inject JobResults results;
  @Context SecurityContext security;
  @Context HttpServletRequest http;

  @GET
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "The profile's prompt versions, the active one marked")
  public List<PromptVersions.Version> list(@PathParam("name") String name) {
    profiles.get(name); // 404 for an unknown profile
    return versions.list(name);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Adopt templates as the profile's active prompt version: {\"fromJob\": gepa execution, \"candidate\": id}"
      + " (the best when absent) or {\"prompts\": {name: text}}")
  public Response adopt(@PathParam("name") String name, String body) {
    profiles.get(name);
    JsonObject request = Json.parseObject(body == null || body.isBlank() ? "{}" : body, "the request body");
    Map<String, String> prompts = new LinkedHashMap<>();
    String source;
    Double score = null;
    if (request.containsKey("fromJob")) {
      long execution = Json.optionalCount(request, "fromJob");
      JsonObject report = gepaReport(execution);
      if (!name.equals(report.getString("profile", ""))) {
        throw new InvalidInputException("gepa job " + execution + " evolved profile '" + report.getString("profile", "")
            + "', not '" + name + "'");
      }
      int candidate = request.containsKey("candidate") ? (int) Json.optionalCount(request, "candidate")
          : report.getJsonObject("best").getInt("id");
      JsonObject chosen = report.getJsonArray("candidates").getValuesAs(JsonObject.class).stream()
          .filter(c -> c.getInt("id") == candidate).findFirst()
          .orElseThrow(() -> new NotFoundException("gepa job " + execution + " has no candidate " + candidate));
      chosen.getJsonObject("prompts").forEach((k, v) -> prompts.put(k, ((JsonString) v).getString()));
      source = "gepa job " + execution + ", candidate " + candidate;
      score = chosen.containsKey("score") ? chosen.getJsonNumber("score").doubleValue() : null;
    } else {
      JsonObject given = Json.optionalObject(request, "prompts")
          .orElseThrow(() -> new InvalidInputException("give 'prompts' ({template: text}) or 'fromJob' (a gepa job execution)"));
      for (Map.Entry<String, JsonValue> e : given.entrySet()) {
        if (!(e.getValue() instanceof JsonString text)) {
          throw new InvalidInputException("'prompts." + e.getKey() + "' must be a string");
        }
        prompts.put(e.getKey(), text.getString());
      }
      source = Json.optionalString(request, "source").orElse("api");
    }
    PromptVersions.Version adopted = versions.adopt(name, prompts, source, score, Callers.actor(security, http));
    return Response.status(Response.Status.CREATED).entity(adopted).build();
  }

  @POST
  @Path("/{version: [0-9]+}/activate")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Make a version the active one (0: the profile's own templates): a rollback")
  public List<PromptVersions.Version> activate(@PathParam("name") String name, @PathParam("version") int version) {
    profiles.get(name);
    versions.activate(name, version, Callers.actor(security, http));
    return versions.list(name);
  }

  private JsonObject gepaReport(long execution) {
    long instance;
    try {
      var operator = BatchRuntime.getJobOperator();
      if (!operator.getJobExecution(execution).getJobName().equals("gepa")) {
        throw new InvalidInputException("job execution " + execution + " is not a gepa job");
      }
      instance = operator.getJobInstance(execution).getInstanceId();
    } catch (InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new NotFoundException("no job execution with id " + execution);
    }
    return results.find(instance).map(text -> Json.parse(text).asJsonObject())
        .orElseThrow(() -> new NotFoundException("gepa job " + execution + " has no report yet"));
  }
}
