package ai.atlas.web.infrastructure.limits;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Limits how many sessions each caller (a user or an API key) creates per minute on this server,
 * where it has a limit ({@link CallerLimits}): over it, 429 with {@code Retry-After}.
 */
@Provider
@SessionCreation
@Priority(Priorities.AUTHORIZATION + 10)
public class SessionRateLimitFilter implements ContainerRequestFilter {

  @Inject SessionRateLimiter limiter;
  @Inject CallerLimits limits;

  @Override
  public void filter(ContainerRequestContext request) {
    String caller = request.getSecurityContext().getUserPrincipal().getName();
    int perMinute = limits.of(caller).sessionsPerMinute();
    OptionalLong retryAfter = limiter.tryAcquire(caller, perMinute);
    if (retryAfter.isPresent()) {
      throw new TooManyRequestsException(
          "at most " + perMinute + " sessions per minute for this caller; retry in " + retryAfter.getAsLong() + " s",
          Duration.ofSeconds(retryAfter.getAsLong()));
    }
  }
}
