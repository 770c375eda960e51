package ai.atlas.web.infrastructure.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionRateLimiterTest {

  private final AtomicLong nanos = new AtomicLong();
  private final SessionRateLimiter limiter = new SessionRateLimiter(nanos::get);

  @Test
  void aCallerMayBurstUpToTheLimitThenWaitsForTheNextToken() {
    for (int i = 0; i < 6; i++) {
      assertThat(limiter.tryAcquire("ci", 6)).isEmpty();
    }
    // 6 per minute: one token every 10 seconds.
    assertThat(limiter.tryAcquire("ci", 6)).isEqualTo(OptionalLong.of(10));

    nanos.addAndGet(4_000_000_000L);
    assertThat(limiter.tryAcquire("ci", 6)).isEqualTo(OptionalLong.of(6));

    nanos.addAndGet(6_000_000_000L);
    assertThat(limiter.tryAcquire("ci", 6)).isEmpty();
  }

  @Test
  void callersHaveBucketsOfTheirOwn() {
    for (int i = 0; i < 6; i++) {
      limiter.tryAcquire("busy", 6);
    }
    assertThat(limiter.tryAcquire("busy", 6)).isPresent();
    assertThat(limiter.tryAcquire("calm", 6)).isEmpty();
  }

  @Test
  void aLongPauseRefillsOnlyUpToTheLimit() {
    nanos.addAndGet(3_600_000_000_000L);
    for (int i = 0; i < 6; i++) {
      assertThat(limiter.tryAcquire("idle", 6)).isEmpty();
    }
    assertThat(limiter.tryAcquire("idle", 6)).isPresent();
  }

  @Test
  void noLimitNeverRefuses() {
    for (int i = 0; i < 10_000; i++) {
      assertThat(limiter.tryAcquire("free", 0)).isEmpty();
    }
  }

  @Test
  void aChangedLimitStartsTheCallersBucketAfreshAtTheNewLimit() {
    for (int i = 0; i < 6; i++) {
      limiter.tryAcquire("key:a", 6);
    }
    assertThat(limiter.tryAcquire("key:a", 6)).isPresent();
    for (int i = 0; i < 2; i++) {
      assertThat(limiter.tryAcquire("key:a", 2)).isEmpty();
    }
    // 2 per minute: one token every 30 seconds.
    assertThat(limiter.tryAcquire("key:a", 2)).isEqualTo(OptionalLong.of(30));
  }
}
