package ai.atlas.core.reward;

import ai.atlas.spi.Principle;
import java.util.List;

/**
 * One sample of a rubric judge: the temperature it was drawn at and, when its answer parsed, the
 * score, uncertainty, rationale and principles; otherwise why it was dropped.
 */
public record Sample(double temperature, boolean parsed, double score, double uncertainty, String rationale,
    List<Principle> principles, String failure) {

  public Sample {
    principles = principles == null ? List.of() : List.copyOf(principles);
  }

  static Sample dropped(double temperature, String why) {
    return new Sample(temperature, false, Double.NaN, Double.NaN, null, List.of(), why);
  }
}
