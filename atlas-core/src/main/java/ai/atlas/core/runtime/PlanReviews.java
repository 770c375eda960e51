package ai.atlas.core.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The teacher's plan reviews, kept for a profile's {@code teacher.plan_cache_seconds}: a session
 * whose plan review prompt (task and plan) is one the profile's teacher answered within that time
 * reuses the answer instead of asking again. In memory, per server, at most {@value #MOST} reviews.
 */
final class PlanReviews {

  static final int MOST = 1_000;

  private record Review(String reply, Instant until) {}

  private static final PlanReviews SHARED = new PlanReviews(Clock.systemUTC());

  private final Map<String, Review> reviews = new ConcurrentHashMap<>();
  private final Clock clock;

  PlanReviews(Clock clock) {
    this.clock = clock;
  }

  static PlanReviews shared() {
    return SHARED;
  }

  Optional<String> reply(String profile, String prompt) {
    Review review = reviews.get(key(profile, prompt));
    return review != null && review.until().isAfter(clock.instant()) ? Optional.of(review.reply()) : Optional.empty();
  }

  void keep(String profile, String prompt, String reply, Duration ttl) {
    if (reviews.size() >= MOST) {
      Instant now = clock.instant();
      reviews.values().removeIf(r -> !r.until().isAfter(now));
      if (reviews.size() >= MOST) {
        reviews.clear(); // a burst of distinct plans: start over rather than grow
      }
    }
    reviews.put(key(profile, prompt), new Review(reply, clock.instant().plus(ttl)));
  }

  private static String key(String profile, String prompt) {
    return profile + "\n" + prompt;
  }
}
