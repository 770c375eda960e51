package ai.atlas.web.infrastructure.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A token bucket per caller: {@code perMinute} tokens, refilled evenly over a minute, so a caller
 * can burst up to the limit and then runs at the limit's rate.
 */
@ApplicationScoped
public class SessionRateLimiter {

  private static final long MINUTE_NANOS = 60_000_000_000L;

  @Inject
  @ConfigProperty(name = "atlas.limits.sessions-per-minute", defaultValue = "120")
  int perMinute;

  private LongSupplier nanoClock = System::nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public SessionRateLimiter() {}

  /** For tests: a fixed limit and a clock to move by hand. */
  SessionRateLimiter(int perMinute, LongSupplier nanoClock) {
    this.perMinute = perMinute;
    this.nanoClock = nanoClock;
  }

  public int perMinute() {
    return perMinute;
  }

  /** Takes a token for the caller; empty when it may go on, else the seconds until it may retry. */
  public OptionalLong tryAcquire(String caller) {
    Bucket bucket = buckets.computeIfAbsent(caller, c -> new Bucket(perMinute, nanoClock.getAsLong()));
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
    double tokens;
    long updatedAt;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.updatedAt = at;
    }
  }
}
