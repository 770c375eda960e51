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
 * Limits how many sessions each caller (a user or an API key) creates per minute on this server:
 * over {@code atlas.limits.sessions-per-minute}, 429 with {@code Retry-After}.
 */
@Provider
@SessionCreation
@Priority(Priorities.AUTHORIZATION + 10)
public class SessionRateLimitFilter implements ContainerRequestFilter {

  @Inject SessionRateLimiter limiter;

  @Override
  public void filter(ContainerRequestContext request) {
    String caller = request.getSecurityContext().getUserPrincipal().getName();
    OptionalLong retryAfter = limiter.tryAcquire(caller);
    if (retryAfter.isPresent()) {
      throw new TooManyRequestsException(
          "at most " + limiter.perMinute() + " sessions per minute per caller; retry in " + retryAfter.getAsLong() + " s",
          Duration.ofSeconds(retryAfter.getAsLong()));
    }
  }
}
