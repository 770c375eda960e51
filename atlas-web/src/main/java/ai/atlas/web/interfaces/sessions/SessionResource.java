package ai.atlas.web.interfaces.sessions;

import static ai.atlas.web.interfaces.support.Params.intParam;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.domain.session.Page;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.profile.Lane;
import ai.atlas.core.runtime.SessionQueue;
import ai.atlas.core.runtime.SessionRuntime;
import ai.atlas.core.sessions.SessionService;
import ai.atlas.web.infrastructure.limits.CallerLimits;
import ai.atlas.web.infrastructure.limits.SessionCreation;
import ai.atlas.web.interfaces.support.Bodies;
import ai.atlas.web.interfaces.support.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Stored sessions. Bodies are parsed here with JSON-P so malformed input gets a precise 400. */
@Path("/sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

  @Inject SessionService sessions;
  @Inject SessionRuntime runtime;
  @Inject SessionEventStreams eventStreams;
  @Inject SessionQueue queue;
  @Inject CallerLimits callerLimits;

  @GET
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "List sessions, newest first, filtered by any of the parameters")
  public SessionPageDto list(
      @jakarta.ws.rs.BeanParam SessionFilterParams filters,
      @Parameter(description = "page number, from 0") @QueryParam("page") String page,
      @Parameter(description = "page size, 1 to 200 (default 20)") @QueryParam("size") String size) {
    Page<SessionSummaryDto> found =
        sessions.list(filters.toQuery(null), intParam("page", page, 0), intParam("size", size, 20), SessionAssembler::summary);
    return new SessionPageDto(found.items(), found.page(), found.size(), found.total());
  }

  @GET
  @Path("/{id: [0-9]+}")
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "A session with its full trace")
  public SessionDetailDto get(@PathParam("id") long id) {
    return sessions.get(id, SessionAssembler::detail);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.OPERATOR_NAME)
  @SessionCreation
  @Operation(summary = "Run a task through ATLAS with a profile: {profile, task, metadata, lane}. The session is queued "
      + "durably and runs when a server has a free slot; ?wait=true answers with the finished session, otherwise 202 "
      + "with its location. 429 with Retry-After when the queue, or the caller's share of it, is full")
  public Response run(String body, @QueryParam("wait") boolean wait, @Context UriInfo uri, @Context SecurityContext security,
      @Context HttpServletRequest http) {
    JsonObject request = Bodies.object(body);
    Map<String, String> metadata = new LinkedHashMap<>();
    Json.optionalObject(request, "metadata").ifPresent(m -> m.forEach((k, v) ->
        metadata.put(k, v instanceof JsonString s ? s.getString() : v.toString())));
    Lane lane = Json.optionalString(request, "lane").map(l -> Lane.fromWire(l).orElseThrow(() ->
        new InvalidInputException("'lane' must be one of auto, paired, coach, escalate, not '" + l + "'"))).orElse(null);
    String caller = security.getUserPrincipal().getName();
    long id = runtime.submit(new SessionRuntime.Request(Json.requiredString(request, "profile"), Json.requiredString(request, "task"),
        metadata, lane), new SessionRuntime.Submitter(caller, callerLimits.of(caller).maxQueued()));
    URI location = uri.getBaseUriBuilder().path(SessionResource.class).path(Long.toString(id)).build();
    if (wait) {
      try {
        if (queue.await(id, runtime.limits().waitLimit()).isPresent()) {
          return Response.ok(sessions.get(id, SessionAssembler::detail)).location(location).build();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return Response.accepted(Map.of("id", id)).location(location).build();
  }

  @GET
  @Path("/{id: [0-9]+}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "A session's trajectory events as server-sent events: those so far, then each as it happens, "
      + "then an 'end' event with the outcome; Last-Event-ID resumes after that event")
  public void events(@PathParam("id") long id, @jakarta.ws.rs.HeaderParam("Last-Event-ID") String lastEventId,
      @Context jakarta.ws.rs.sse.SseEventSink sink, @Context jakarta.ws.rs.sse.Sse sse) {
    int after = -1;
    if (lastEventId != null && lastEventId.matches("[0-9]{1,9}")) {
      after = Integer.parseInt(lastEventId);
    }
    sessions.get(id, s -> s.getId()); // 404 before the stream opens
    eventStreams.stream(id, after, sink, sse);
  }

  @POST
  @Path("/import")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.OPERATOR_NAME)
  @SessionCreation
  @Operation(summary = "Store a session given as an atlas trace record (the export format); it starts pending review")
  public Response importTrace(String body, @Context UriInfo uri) {
    long id = sessions.importTrace(Bodies.object(body));
    return Response.created(uri.getBaseUriBuilder().path(SessionResource.class).path(Long.toString(id)).build())
        .entity(Map.of("id", id))
        .build();
  }

  @POST
  @Path("/{id: [0-9]+}/review")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.REVIEWER_NAME)
  @Operation(summary = "Approve, quarantine or reset a session's review, with a note; recorded in its review history and the audit log")
  public SessionDetailDto review(
      @PathParam("id") long id, String body, @Context SecurityContext security, @Context HttpServletRequest http) {
    JsonObject request = Bodies.object(body);
    ReviewStatus to = parseReviewStatus("status", Json.requiredString(request, "status"));
    String note = Json.optionalString(request, "note").orElse(null);
    return sessions.review(id, to, note, Callers.actor(security, http), SessionAssembler::detail);
  }

  @POST
  @Path("/{id: [0-9]+}/feedback")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.REVIEWER_NAME)
  @Operation(summary = "Feedback on the answer: {kind: thumbs|rating|approve|reject|edit, value, comment, edited_answer}")
  public SessionDetailDto feedback(
      @PathParam("id") long id, String body, @Context SecurityContext security, @Context HttpServletRequest http) {
    JsonObject request = Bodies.object(body);
    String value = request.get("value") == null || request.isNull("value") ? null
        : request.get("value") instanceof jakarta.json.JsonString s ? s.getString() : request.get("value").toString();
    return sessions.feedback(id, Json.requiredString(request, "kind"), value,
        Json.optionalString(request, "comment").orElse(null), Json.optionalString(request, "edited_answer").orElse(null),
        Callers.actor(security, http), SessionAssembler::detail);
  }

  private static ReviewStatus parseReviewStatus(String name, String value) {
    return ReviewStatus.fromWire(value).orElseThrow(() -> new InvalidInputException(
        "'" + name + "' must be one of " + ReviewStatus.wireNames() + ", not '" + value + "'"));
  }
}
