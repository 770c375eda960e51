package ai.atlas.web.infrastructure.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionRateLimiterTest {

  private final AtomicLong nanos = new AtomicLong();
  private final SessionRateLimiter limiter = new SessionRateLimiter(6, nanos::get);

  @Test
  void aCallerMayBurstUpToTheLimitThenWaitsForTheNextToken() {
    for (int i = 0; i < 6; i++) {
      assertThat(limiter.tryAcquire("ci")).isEmpty();
    }
    // 6 per minute: one token every 10 seconds.
    assertThat(limiter.tryAcquire("ci")).isEqualTo(OptionalLong.of(10));

    nanos.addAndGet(4_000_000_000L);
    assertThat(limiter.tryAcquire("ci")).isEqualTo(OptionalLong.of(6));

    nanos.addAndGet(6_000_000_000L);
    assertThat(limiter.tryAcquire("ci")).isEmpty();
  }

  @Test
  void callersHaveBucketsOfTheirOwn() {
    for (int i = 0; i < 6; i++) {
      limiter.tryAcquire("busy");
    }
    assertThat(limiter.tryAcquire("busy")).isPresent();
    assertThat(limiter.tryAcquire("calm")).isEmpty();
  }

  @Test
  void aLongPauseRefillsOnlyUpToTheLimit() {
    nanos.addAndGet(3_600_000_000_000L);
    for (int i = 0; i < 6; i++) {
      assertThat(limiter.tryAcquire("idle")).isEmpty();
    }
    assertThat(limiter.tryAcquire("idle")).isPresent();
  }
}
