package ai.atlas.core.reward;

import ai.atlas.spi.TokenUsage;
import java.util.List;

/**
 * The reward of one interaction: the score in [0, 1] (null when no judge could score), the
 * rationale (each judge's, and every consistency cap applied), each judge's result, whether the
 * arbiter was used and why, the tokens spent, and every call made (for audit).
 */
public record Evaluation(Double score, String rationale, List<JudgeResult> judges, boolean arbiterUsed,
    List<String> arbiterReasons, TokenUsage usage, List<JudgeCall> calls) {

  public Evaluation {
    judges = List.copyOf(judges);
    arbiterReasons = List.copyOf(arbiterReasons);
    calls = List.copyOf(calls);
  }

  /** The samples dropped by every judge together. */
  public int droppedSamples() {
    return judges.stream().mapToInt(JudgeResult::droppedSamples).sum();
  }
}
