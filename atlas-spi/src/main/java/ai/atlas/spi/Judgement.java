package ai.atlas.spi;

import java.util.List;

/**
 * A judge's verdict.
 *
 * @param score in [0, 1]: 1 is best
 * @param rationale why, for people
 * @param uncertainty in [0, 1]: how unsure the judge is (0 for verifiable judges)
 * @param principles the criteria it weighed (may be empty)
 */
public record Judgement(double score, String rationale, double uncertainty, List<Principle> principles) {

  public Judgement {
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("a score must be in [0, 1], not " + score);
    }
    if (!(uncertainty >= 0 && uncertainty <= 1)) {
      throw new IllegalArgumentException("an uncertainty must be in [0, 1], not " + uncertainty);
    }
    rationale = rationale == null ? "" : rationale;
    principles = principles == null ? List.of() : List.copyOf(principles);
  }

  /** A certain verdict, as verifiable judges give. */
  public static Judgement certain(double score, String rationale) {
    return new Judgement(score, rationale, 0, List.of());
  }
}
