package ai.atlas.core.runtime;

import java.time.Duration;

/**
 * How much session work the server takes on: sessions running at once, sessions waiting, and how
 * long {@code ?wait=true} waits for a session before answering 202 instead.
 */
public record RuntimeLimits(int concurrent, int queued, Duration waitLimit) {

  public static RuntimeLimits defaults() {
    return new RuntimeLimits(8, 64, Duration.ofMinutes(5));
  }
}
