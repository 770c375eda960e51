package ai.atlas.batch.grpo;

import ai.atlas.model.grpo.TeachingReward;
import ai.atlas.model.grpo.GrpoPrompt;
import ai.atlas.model.grpo.GrpoRewards;
import ai.atlas.model.grpo.VerifiableReward;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The teaching reward for GRPO: each completion is guidance for the student. The student answers
 * the prompt once without guidance (the baseline) and once with each completion as its guidance;
 * {@link TeachingReward} scores each pair against the prompt's reference answer, so guidance that
 * turns a wrong answer right earns most and guidance that turns a right one wrong is penalised.
 */
public final class TeachingRewards implements GrpoRewards {

  private final BiFunction<String, String, String> student; // (task, guidance or null) -> answer
  private final TeachingReward reward;
  private final AutoCloseable resources;

  public TeachingRewards(BiFunction<String, String, String> student, TeachingReward reward) {
    this(student, reward, () -> {});
  }

  /** With what to release when the step is done (the student agent). */
  public TeachingRewards(BiFunction<String, String, String> student, TeachingReward reward, AutoCloseable resources) {
    this.student = student;
    this.reward = reward;
    this.resources = resources;
  }

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      // releasing the student must not fail the step that trained with it
    }
  }

  @Override
  public Scores score(GrpoPrompt prompt, List<String> completions) {
    String baseline = student.apply(prompt.question(), null);
    double[] rewards = new double[completions.size()];
    int improved = 0;
    int degraded = 0;
    for (int i = 0; i < rewards.length; i++) {
      String guided = student.apply(prompt.question(), completions.get(i));
      TeachingReward.Score score = reward.score(baseline, guided, answer -> VerifiableReward.matches(answer, prompt.answer()));
      rewards[i] = score.reward();
      improved += score.outcome() == TeachingReward.Outcome.IMPROVED ? 1 : 0;
      degraded += score.outcome() == TeachingReward.Outcome.DEGRADED ? 1 : 0;
    }
    return new Scores(rewards, improved, degraded, rewards.length);
  }
}
