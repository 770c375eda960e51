package ai.atlas.web.interfaces.rewards;

import ai.atlas.core.reward.Evaluation;
import ai.atlas.core.reward.JudgeResult;
import ai.atlas.core.reward.Sample;
import ai.atlas.core.reward.RewardSystem;
import ai.atlas.spi.Principle;
import java.util.List;

/** An evaluation as the API shows it (a dropped sample's score and uncertainty are null). */
public record EvaluationDto(String evaluationId, Double score, String rationale, List<JudgeDto> judges, boolean arbiterUsed,
    List<String> arbiterReasons, int droppedSamples, TokensDto tokens) {

  public record JudgeDto(String name, String kind, double weight, Double score, String rationale, double uncertainty,
      List<Principle> principles, boolean escalated, String escalationReason, int droppedSamples, List<SampleDto> samples) {}

  public record SampleDto(double temperature, boolean parsed, Double score, Double uncertainty, String rationale, String failure) {}

  public record TokensDto(long promptTokens, long completionTokens) {}

  static EvaluationDto of(RewardSystem.Scored scored) {
    Evaluation e = scored.evaluation();
    return new EvaluationDto(scored.evaluationId(), e.score(), e.rationale(), e.judges().stream().map(EvaluationDto::judge).toList(),
        e.arbiterUsed(), e.arbiterReasons(), e.droppedSamples(),
        new TokensDto(e.usage().promptTokens(), e.usage().completionTokens()));
  }

  private static JudgeDto judge(JudgeResult j) {
    return new JudgeDto(j.name(), j.kind(), j.weight(), j.score(), j.rationale(), j.uncertainty(), j.principles(), j.escalated(),
        j.escalationReason(), j.droppedSamples(), j.samples().stream().map(EvaluationDto::sample).toList());
  }

  private static SampleDto sample(Sample s) {
    return new SampleDto(s.temperature(), s.parsed(), s.parsed() ? s.score() : null, s.parsed() ? s.uncertainty() : null,
        s.rationale(), s.failure());
  }
}
