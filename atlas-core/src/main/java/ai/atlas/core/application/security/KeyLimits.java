package ai.atlas.core.application.security;

import ai.atlas.core.common.InvalidInputException;

/**
 * An API key's own session limits; a null field leaves the server's default in force, 0 is no
 * limit. {@code sessionsPerMinute}: sessions it may create per minute on each server. {@code
 * maxQueued}: how many of its sessions may wait in the queue at once.
 */
public record KeyLimits(Integer sessionsPerMinute, Integer maxQueued) {

  public static final KeyLimits DEFAULTS = new KeyLimits(null, null);
  /** The largest limit accepted: beyond it a limit means nothing. */
  public static final int MAX = 1_000_000;

  public KeyLimits {
    check("sessions_per_minute", sessionsPerMinute);
    check("max_queued", maxQueued);
  }

  private static void check(String name, Integer value) {
    if (value != null && (value < 0 || value > MAX)) {
      throw new InvalidInputException("'" + name + "' must be between 0 and " + MAX + ", not " + value);
    }
  }

  @Override
  public String toString() {
    return "sessions_per_minute=" + (sessionsPerMinute == null ? "default" : sessionsPerMinute)
        + " max_queued=" + (maxQueued == null ? "default" : maxQueued);
  }
}
