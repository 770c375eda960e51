package ai.atlas.core.runtime;

/**
 * The orchestration block of a profile.
 *
 * @param maxRetries guided retries after a first attempt that the teacher finds invalid
 * @param autoThreshold capability at or above which the student runs alone
 * @param pairedThreshold ... at or above which it runs paired
 * @param coachThreshold ... at or above which it is coached; below, escalated
 * @param forced a lane to use whatever the capability, or null
 * @param fallback the lane when the capability probe fails
 */
public record OrchestrationSettings(
    int maxRetries, double autoThreshold, double pairedThreshold, double coachThreshold, Lane forced, Lane fallback) {

  public static final OrchestrationSettings DEFAULTS = new OrchestrationSettings(1, 0.85, 0.65, 0.35, null, Lane.PAIRED);

  public OrchestrationSettings {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries cannot be negative");
    }
    if (!(autoThreshold >= pairedThreshold && pairedThreshold >= coachThreshold)) {
      throw new IllegalArgumentException("thresholds must satisfy auto >= paired >= coach");
    }
    fallback = fallback == null ? Lane.PAIRED : fallback;
  }

  /** The lane for a capability estimate in [0, 1]. */
  public Lane laneFor(double capability) {
    if (capability >= autoThreshold) {
      return Lane.AUTO;
    }
    if (capability >= pairedThreshold) {
      return Lane.PAIRED;
    }
    return capability >= coachThreshold ? Lane.COACH : Lane.ESCALATE;
  }

  public OrchestrationSettings withForced(Lane lane) {
    return new OrchestrationSettings(maxRetries, autoThreshold, pairedThreshold, coachThreshold, lane, fallback);
  }
}
