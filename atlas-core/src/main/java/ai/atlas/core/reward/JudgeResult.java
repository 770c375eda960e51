package ai.atlas.core.reward;

import ai.atlas.spi.Principle;
import java.util.List;

/**
 * What one judge concluded: its score (null when it could not score), rationale, uncertainty and
 * principles, its weight in the reward, the samples it drew, whether the arbiter decided and why,
 * and how many samples were dropped because they did not parse or did not come in time.
 */
public record JudgeResult(
    String name,
    String kind,
    double weight,
    Double score,
    String rationale,
    double uncertainty,
    List<Principle> principles,
    List<Sample> samples,
    boolean escalated,
    String escalationReason,
    int droppedSamples) {

  public JudgeResult {
    principles = principles == null ? List.of() : List.copyOf(principles);
    samples = samples == null ? List.of() : List.copyOf(samples);
  }

  JudgeResult withScore(double capped, String note) {
    return new JudgeResult(name, kind, weight, capped, rationale + " [" + note + "]", uncertainty, principles, samples,
        escalated, escalationReason, droppedSamples);
  }
}
