package ai.atlas.core.domain.session;

import java.time.Instant;
import java.util.Optional;

/**
 * Which sessions to list or export. Empty fields do not filter; the time range is on the creation
 * time (from inclusive, to exclusive), the reward range inclusive; the lane is the execution mode; the text is searched for in the task.
 */
public record SessionQuery(
    Optional<ReviewStatus> reviewStatus,
    Optional<SessionStatus> status,
    Optional<String> profile,
    Optional<String> learningKey,
    Optional<Instant> createdFrom,
    Optional<Instant> createdTo,
    Optional<Double> minReward,
    Optional<Double> maxReward,
    Optional<String> lane,
    Optional<String> text) {

  /** Every session. */
  public static SessionQuery all() {
    return new SessionQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Sessions with the given review status. */
  public static SessionQuery withReviewStatus(ReviewStatus status) {
    return all().reviewStatus(status);
  }

  public SessionQuery reviewStatus(ReviewStatus value) {
    return new SessionQuery(Optional.ofNullable(value), status, profile, learningKey, createdFrom, createdTo, minReward, maxReward, lane, text);
  }

  public SessionQuery status(SessionStatus value) {
    return new SessionQuery(reviewStatus, Optional.ofNullable(value), profile, learningKey, createdFrom, createdTo, minReward, maxReward, lane, text);
  }

  public SessionQuery profile(String value) {
    return new SessionQuery(reviewStatus, status, Optional.ofNullable(value), learningKey, createdFrom, createdTo, minReward, maxReward, lane, text);
  }

  public SessionQuery learningKey(String value) {
    return new SessionQuery(reviewStatus, status, profile, Optional.ofNullable(value), createdFrom, createdTo, minReward, maxReward, lane, text);
  }

  public SessionQuery createdBetween(Instant from, Instant to) {
    return new SessionQuery(reviewStatus, status, profile, learningKey, Optional.ofNullable(from), Optional.ofNullable(to), minReward, maxReward, lane, text);
  }

  /** Sessions run in one lane (the execution mode: auto, paired, coach, escalate). */
  public SessionQuery lane(String value) {
    return new SessionQuery(reviewStatus, status, profile, learningKey, createdFrom, createdTo, minReward, maxReward, Optional.ofNullable(value), text);
  }

  /** Sessions whose task contains this text, ignoring case. */
  public SessionQuery text(String value) {
    return new SessionQuery(reviewStatus, status, profile, learningKey, createdFrom, createdTo, minReward, maxReward, lane,
        Optional.ofNullable(value));
  }

  public SessionQuery rewardBetween(Double min, Double max) {
    return new SessionQuery(reviewStatus, status, profile, learningKey, createdFrom, createdTo, Optional.ofNullable(min), Optional.ofNullable(max), lane, text);
  }
}
