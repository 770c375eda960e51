package ai.atlas.core.profile;

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
 * @param studentLimits the most tokens the student may write in each kind of answer, and how long one of its calls may take
 * @param emitIntermediateSteps whether a session's live event stream shows its calls, plan and steps as
 *     they happen ({@code orchestration.emit_intermediate_steps}); the stored trace always has them
 * @param triage how the lane is chosen beyond the thresholds
 */
public record OrchestrationSettings(
    int maxRetries, double autoThreshold, double pairedThreshold, double coachThreshold, Lane forced, Lane fallback,
    TeacherLimits teacherLimits, StudentLimits studentLimits, boolean emitIntermediateSteps, Triage triage) {

  /**
   * atlas-sdk's adaptive-teaching controls: whether a learning key's first session (no history, no
   * probe) is certified by the teacher (paired) or runs alone ({@code certify_first_run}), how many
   * recent rewards the probe is shown ({@code probe.evidence_limit}), and how long an identical
   * plan's review is reused ({@code teacher.plan_cache_seconds}; null or zero: never), and the tags
   * a session gets in its metadata when its caller gives none ({@code default_tags}).
   */
  public record Triage(boolean certifyFirstRun, int evidenceLimit, java.time.Duration planCache, java.util.List<String> defaultTags) {
    public static final int DEFAULT_EVIDENCE = 6;
    public static final Triage DEFAULTS = new Triage(true, DEFAULT_EVIDENCE, null, java.util.List.of());

    public Triage {
      defaultTags = defaultTags == null ? java.util.List.of() : java.util.List.copyOf(defaultTags);
    }

    /** The session's metadata: the caller's, with the default tags as {@code tags} where it gives none. */
    public java.util.Map<String, String> withDefaultTags(java.util.Map<String, String> metadata) {
      java.util.Map<String, String> given = metadata == null ? java.util.Map.of() : metadata;
      if (defaultTags.isEmpty() || given.containsKey("tags")) {
        return given;
      }
      java.util.Map<String, String> tagged = new java.util.LinkedHashMap<>(given);
      tagged.put("tags", String.join(",", defaultTags));
      return java.util.Map.copyOf(tagged);
    }

    public boolean cachesPlans() {
      return planCache != null && !planCache.isZero();
    }
  }

  public OrchestrationSettings(int maxRetries, double autoThreshold, double pairedThreshold, double coachThreshold, Lane forced,
      Lane fallback, TeacherLimits teacherLimits, StudentLimits studentLimits, boolean emitIntermediateSteps) {
    this(maxRetries, autoThreshold, pairedThreshold, coachThreshold, forced, fallback, teacherLimits, studentLimits,
        emitIntermediateSteps, Triage.DEFAULTS);
  }

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

  /**
   * The student's answer caps by purpose (atlas-sdk's {@code student.max_plan_tokens},
   * {@code max_step_tokens}, {@code max_synthesis_tokens}; a one-pass answer is a step) and the
   * time limit of one student call ({@code orchestration.step_timeout_seconds}); null: none.
   */
  public record StudentLimits(Integer plan, Integer step, Integer synthesis, java.time.Duration callTimeout) {
    public static final StudentLimits NONE = new StudentLimits(null, null, null, null);

    /** The cap of a student call by the orchestrator's purpose for it, or null. */
    public Integer forPurpose(String purpose) {
      return switch (purpose) {
        case "plan" -> plan;
        case "step", "answer", "retry" -> step;
        case "synthesis" -> synthesis;
        default -> null;
      };
    }
  }

  /** With teacher caps only. */
  public OrchestrationSettings(int maxRetries, double autoThreshold, double pairedThreshold, double coachThreshold, Lane forced,
      Lane fallback, TeacherLimits teacherLimits) {
    this(maxRetries, autoThreshold, pairedThreshold, coachThreshold, forced, fallback, teacherLimits, StudentLimits.NONE, true);
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
    studentLimits = studentLimits == null ? StudentLimits.NONE : studentLimits;
    triage = triage == null ? Triage.DEFAULTS : triage;
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
    return new OrchestrationSettings(maxRetries, autoThreshold, pairedThreshold, coachThreshold, lane, fallback, teacherLimits,
        studentLimits, emitIntermediateSteps, triage);
  }
}
