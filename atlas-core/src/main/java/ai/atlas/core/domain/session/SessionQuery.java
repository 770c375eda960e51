package ai.atlas.core.domain.session;

import java.util.Optional;

/**
 * Which sessions to list. Empty fields do not filter. Later filters (profile, learning key, time
 * and reward ranges) grow here without changing the repository's signature.
 */
public record SessionQuery(Optional<ReviewStatus> reviewStatus) {

  /** Every session. */
  public static SessionQuery all() {
    return new SessionQuery(Optional.empty());
  }

  /** Sessions with the given review status. */
  public static SessionQuery withReviewStatus(ReviewStatus status) {
    return new SessionQuery(Optional.of(status));
  }
}
