package ai.atlas.web.interfaces.learning;

import static ai.atlas.web.interfaces.support.Params.intParam;
import static ai.atlas.web.interfaces.support.Params.textParam;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.domain.session.SessionQuery;
import ai.atlas.core.sessions.LearningTimeline;
import ai.atlas.core.sessions.SessionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The learning view's data: reward and lane mix over time or over runs of sessions for a profile and learning key, and drift alerts. */
@Path("/learning")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LearningResource {

  @Inject SessionService sessions;

  @GET
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "Sessions, mean reward and lane mix per hour, per day or per run of sessions, oldest first, and the newest"
      + " drift alerts")
  public LearningTimeline timeline(
      @QueryParam("profile") String profile,
      @QueryParam("learningKey") String learningKey,
      @Parameter(description = "hour, day or sessions (default day)") @QueryParam("bucket") String bucket,
      @Parameter(description = "with bucket=sessions, the sessions in one point, 1 to 1000 (default 10)") @QueryParam("size") String size,
      @Parameter(description = "how many of the newest sessions to read, 1 to 20000 (default 5000)") @QueryParam("limit") String limit) {
    SessionQuery query = SessionQuery.all().profile(textParam(profile)).learningKey(textParam(learningKey));
    LearningTimeline.Bucket width = LearningTimeline.Bucket.of(textParam(bucket) == null ? "day" : bucket);
    if (textParam(size) != null && width != LearningTimeline.Bucket.SESSIONS) {
      throw new InvalidInputException("'size' applies to bucket=sessions only");
    }
    return sessions.learning(query, width, intParam("size", size, LearningTimeline.DEFAULT_RUN), intParam("limit", limit, 5000));
  }
}
