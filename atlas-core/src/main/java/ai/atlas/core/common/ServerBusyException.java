package ai.atlas.core.common;

import java.time.Duration;

/** The server has no room for more work right now; the REST API answers 429 with Retry-After. */
public class ServerBusyException extends RuntimeException {

  private final Duration retryAfter;

  public ServerBusyException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
