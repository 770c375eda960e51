package ai.atlas.web.interfaces.sessions;

import static ai.atlas.web.interfaces.support.Params.doubleParam;
import static ai.atlas.web.interfaces.support.Params.instantParam;
import static ai.atlas.web.interfaces.support.Params.textParam;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.SessionQuery;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.profile.Lane;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filters the session list and the export share, as query parameters, read by hand for clear 400s. */
public class SessionFilterParams {

  @Parameter(description = "pending, approved or quarantined (the export also takes any)")
  @QueryParam("reviewStatus")
  String reviewStatus;

  @Parameter(description = "running, succeeded, failed, needs_review or escalated")
  @QueryParam("status")
  String status;

  @QueryParam("profile")
  String profile;

  @QueryParam("learningKey")
  String learningKey;

  @Parameter(description = "created at or after, ISO-8601")
  @QueryParam("from")
  String from;

  @Parameter(description = "created before, ISO-8601")
  @QueryParam("to")
  String to;

  @Parameter(description = "the lane the session ran in: auto, paired, coach or escalate")
  @QueryParam("lane")
  String lane;

  @Parameter(description = "text the task contains (case ignored)")
  @QueryParam("q")
  String q;

  @QueryParam("minReward")
  String minReward;

  @QueryParam("maxReward")
  String maxReward;

  /**
   * The query these parameters describe.
   *
   * @param defaultReviewStatus the review status when none is given ({@code null}: any); the
   *     value {@code any} always means any
   */
  public SessionQuery toQuery(ReviewStatus defaultReviewStatus) {
    ReviewStatus review = defaultReviewStatus;
    String given = textParam(reviewStatus);
    if (given != null) {
      review = given.equalsIgnoreCase("any") ? null : ReviewStatus.fromWire(given).orElseThrow(() ->
          new InvalidInputException("'reviewStatus' must be any or one of " + ReviewStatus.wireNames() + ", not '" + given + "'"));
    }
    return SessionQuery.all()
        .reviewStatus(review)
        .status(textParam(status) == null ? null : SessionStatus.fromWire(status).orElseThrow(() ->
            new InvalidInputException("'status' must be one of " + SessionStatus.wireNames() + ", not '" + status + "'")))
        .profile(textParam(profile))
        .learningKey(textParam(learningKey))
        .createdBetween(instantParam("from", from), instantParam("to", to))
        .rewardBetween(doubleParam("minReward", minReward), doubleParam("maxReward", maxReward))
        .lane(textParam(lane) == null ? null : Lane.fromWire(lane).map(Lane::wireName).orElseThrow(() ->
            new InvalidInputException("'lane' must be one of auto, paired, coach, escalate, not '" + lane + "'")))
        .text(textParam(q));
  }
}
