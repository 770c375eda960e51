package ai.atlas.model.grpo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The teaching reward: each transition of the student's answer, the efficiency bonus, the penalty. */
class TeachingRewardTest {

  @Test
  void theTeachingRewardScoresEachTransitionWithTheEfficiencyBonus() {
    TeachingReward reward = TeachingReward.DEFAULTS;
    Predicate<String> verifier = answer -> answer.contains("42");
    String longWrong = "x".repeat(100);
    String shortRight = "42" + "y".repeat(48); // half the length of the unguided answer

    assertThat(reward.score(longWrong, shortRight, verifier))
        .isEqualTo(new TeachingReward.Score(1.25, TeachingReward.Outcome.IMPROVED, 0.25));
    assertThat(reward.score("42" + "z".repeat(98), shortRight, verifier))
        .isEqualTo(new TeachingReward.Score(0.25, TeachingReward.Outcome.KEPT, 0.25));
    assertThat(reward.score(shortRight, longWrong, verifier).reward()).isEqualTo(-1.0);
    assertThat(reward.score(longWrong, "nope", verifier))
        .isEqualTo(new TeachingReward.Score(0.0, TeachingReward.Outcome.UNCHANGED_WRONG, 0));
    // a longer guided answer earns no bonus; the penalty is configurable
    assertThat(reward.score("41", "it is 42", verifier).reward()).isEqualTo(1.0);
    assertThat(new TeachingReward(-0.5, 0.5).score("42", "41", verifier).reward()).isEqualTo(-0.5);
  }
}
