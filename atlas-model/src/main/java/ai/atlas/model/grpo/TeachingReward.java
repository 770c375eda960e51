package ai.atlas.model.grpo;

import java.util.function.Predicate;

/**
 * The reward of a teacher's guidance, from the student's answer without and with it and a
 * verifier of answers: wrong to right scores 1 plus the efficiency bonus, right to right the
 * efficiency bonus alone, right to wrong the degradation penalty (default -1), wrong to wrong 0.
 * The efficiency bonus is {@code efficiencyWeight} times the share by which the guided answer is
 * shorter than the unguided one (0 when it is not shorter), so guidance that gets the student
 * there more directly is preferred.
 */
public record TeachingReward(double degradationPenalty, double efficiencyWeight) {

  public static final TeachingReward DEFAULTS = new TeachingReward(-1.0, 0.5);

  /** The outcome, for reporting. */
  public enum Outcome { IMPROVED, KEPT, DEGRADED, UNCHANGED_WRONG }

  /** A scored pair of answers. */
  public record Score(double reward, Outcome outcome, double efficiencyBonus) {}

  public Score score(String withoutGuidance, String withGuidance, Predicate<String> verifier) {
    boolean before = verifier.test(withoutGuidance);
    boolean after = verifier.test(withGuidance);
    double bonus = efficiencyBonus(withoutGuidance, withGuidance);
    if (!before && after) {
      return new Score(1.0 + bonus, Outcome.IMPROVED, bonus);
    }
    if (before && after) {
      return new Score(bonus, Outcome.KEPT, bonus);
    }
    if (before) {
      return new Score(degradationPenalty, Outcome.DEGRADED, 0);
    }
    return new Score(0.0, Outcome.UNCHANGED_WRONG, 0);
  }

  double efficiencyBonus(String withoutGuidance, String withGuidance) {
    int before = withoutGuidance == null ? 0 : withoutGuidance.length();
    int after = withGuidance == null ? 0 : withGuidance.length();
    if (before == 0 || after >= before) {
      return 0;
    }
    return efficiencyWeight * (before - after) / (double) before;
  }
}
