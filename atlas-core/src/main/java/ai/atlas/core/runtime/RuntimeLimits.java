package ai.atlas.core.runtime;

import java.time.Duration;

/**
 * How much session work the server takes on. {@code concurrent}: sessions of the durable queue
 * this server runs at once. {@code concurrent + queued}: in-process sessions (the gateway, GEPA,
 * the pipeline, which wait for their answer) it accepts at once. {@code queueBound}: sessions the
 * durable queue holds, across every server sharing the database, before submissions are refused.
 * {@code waitLimit}: how long {@code ?wait=true} waits before answering 202 instead.
 */
public record RuntimeLimits(int concurrent, int queued, int queueBound, Duration waitLimit) {

  public static RuntimeLimits defaults() {
    return new RuntimeLimits(8, 64, 10_000, Duration.ofMinutes(5));
  }
}
