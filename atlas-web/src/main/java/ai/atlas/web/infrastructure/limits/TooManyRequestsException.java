package ai.atlas.web.infrastructure.limits;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** Over a rate limit: 429 with the seconds to wait in {@code Retry-After}. */
public class TooManyRequestsException extends ClientErrorException {

  public TooManyRequestsException(String message, Duration retryAfter) {
    super(message, Response.status(Response.Status.TOO_MANY_REQUESTS)
        .header("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())))
        .build());
  }
}
