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
 * @param teacherLimits the most tokens the teacher may write in each kind of reply
 */
public record OrchestrationSettings(
    int maxRetries, double autoThreshold, double pairedThreshold, double coachThreshold, Lane forced, Lane fallback,
    TeacherLimits teacherLimits) {

  public static final OrchestrationSettings DEFAULTS = new OrchestrationSettings(1, 0.85, 0.65, 0.35, null, Lane.PAIRED);

  /**
   * The teacher's reply caps by purpose (atlas-sdk's {@code teacher.max_review_tokens},
   * {@code validation_max_tokens} and {@code guidance_max_tokens}); null: the model's own limit.
   */
  public record TeacherLimits(Integer review, Integer validation, Integer guidance) {
    public static final TeacherLimits NONE = new TeacherLimits(null, null, null);

    /** The cap of a teacher call by the orchestrator's purpose for it, or null. */
    public Integer forPurpose(String purpose) {
      return switch (purpose) {
        case "plan.review" -> review;
        case "validation" -> validation;
        case "guidance" -> guidance;
        default -> null;
      };
    }
  }

  /** Without reply caps. */
  public OrchestrationSettings(int maxRetries, double autoThreshold, double pairedThreshold, double coachThreshold, Lane forced,
      Lane fallback) {
    this(maxRetries, autoThreshold, pairedThreshold, coachThreshold, forced, fallback, TeacherLimits.NONE);
  }

  public OrchestrationSettings {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries cannot be negative");
    }
    if (!(autoThreshold >= pairedThreshold && pairedThreshold >= coachThreshold)) {
      throw new IllegalArgumentException("thresholds must satisfy auto >= paired >= coach");
    }
    fallback = fallback == null ? Lane.PAIRED : fallback;
    teacherLimits = teacherLimits == null ? TeacherLimits.NONE : teacherLimits;
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
    return new OrchestrationSettings(maxRetries, autoThreshold, pairedThreshold, coachThreshold, lane, fallback, teacherLimits);
  }
}
