package ai.atlas.batch.grpo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.model.grpo.TeachingReward;
import ai.atlas.model.grpo.GrpoPrompt;
import ai.atlas.model.grpo.GrpoRewards;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeachingRewardsTest {

  @Test
  void guidanceIsScoredByWhatItDoesToTheStudentsAnswerAndTheOutcomesAreCounted() {
    List<String> calls = new ArrayList<>();
    // a student who is right only when the guidance says "carry"; wrong without guidance
    TeachingRewards rewards = new TeachingRewards((task, guidance) -> {
      calls.add(guidance == null ? "none" : guidance);
      return guidance != null && guidance.contains("carry") ? "42" : "41";
    }, TeachingReward.DEFAULTS);

    GrpoRewards.Scores scores = rewards.score(GrpoPrompt.of("6 * 7?", "42"), List.of("remember to carry", "just guess"));

    assertThat(scores.rewards()[0]).isEqualTo(1.0); // wrong to right, no shorter
    assertThat(scores.rewards()[1]).isZero(); // wrong to wrong
    assertThat(scores.improved()).isEqualTo(1);
    assertThat(scores.degraded()).isZero();
    assertThat(scores.compared()).isEqualTo(2);
    assertThat(calls).containsExactly("none", "remember to carry", "just guess");
  }

  @Test
  void closingReleasesTheStudent() {
    List<String> released = new ArrayList<>();
    try (TeachingRewards rewards = new TeachingRewards((task, guidance) -> "42", TeachingReward.DEFAULTS, () -> released.add("student"))) {
      assertThat(rewards.score(GrpoPrompt.of("6 * 7?", "42"), List.of("ok")).rewards()).containsExactly(0.0);
    }
    assertThat(released).containsExactly("student");
  }

  @Test
  void guidanceThatBreaksARightAnswerIsPenalised() {
    TeachingRewards rewards = new TeachingRewards((task, guidance) -> guidance == null ? "42" : guidance,
        TeachingReward.DEFAULTS);

    GrpoRewards.Scores scores = rewards.score(GrpoPrompt.of("6 * 7?", "42"), List.of("43", "42"));

    assertThat(scores.rewards()).containsExactly(-1.0, 0.0);
    assertThat(scores.degraded()).isEqualTo(1);
    assertThat(scores.improved()).isZero();
  }
}
