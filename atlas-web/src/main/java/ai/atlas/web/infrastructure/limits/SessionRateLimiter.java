package ai.atlas.web.infrastructure.limits;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code perMinute} tokens, refilled evenly over a minute, so a caller
 * can burst up to its limit and then runs at the limit's rate. The limit comes with each call
 * ({@link CallerLimits}): when it changes, the caller's bucket starts afresh at the new one.
 */
@ApplicationScoped
public class SessionRateLimiter {

  private static final long MINUTE_NANOS = 60_000_000_000L;

  private LongSupplier nanoClock = System::nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public SessionRateLimiter() {}

  /** For tests: a clock to move by hand. */
  SessionRateLimiter(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * Takes a token for the caller under a limit of {@code perMinute} (0: none); empty when it may go
   * on, else the seconds until it may retry.
   */
  public OptionalLong tryAcquire(String caller, int perMinute) {
    if (perMinute <= 0) {
      return OptionalLong.empty();
    }
    Bucket bucket = buckets.compute(caller, (c, b) -> b == null || b.perMinute != perMinute
        ? new Bucket(perMinute, nanoClock.getAsLong()) : b);
    synchronized (bucket) {
      long now = nanoClock.getAsLong();
      double refill = (now - bucket.updatedAt) * (double) perMinute / MINUTE_NANOS;
      bucket.tokens = Math.min(perMinute, bucket.tokens + refill);
      bucket.updatedAt = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return OptionalLong.empty();
      }
      double secondsToNextToken = (1 - bucket.tokens) * 60.0 / perMinute;
      return OptionalLong.of((long) Math.ceil(secondsToNextToken));
    }
  }

  private static final class Bucket {
    final int perMinute;
    double tokens;
    long updatedAt;

    Bucket(int perMinute, long at) {
      this.perMinute = perMinute;
      this.tokens = perMinute;
      this.updatedAt = at;
    }
  }
}
