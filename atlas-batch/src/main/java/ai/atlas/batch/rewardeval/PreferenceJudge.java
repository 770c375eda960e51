package ai.atlas.batch.rewardeval;

import ai.atlas.core.reward.PreferenceItem;
import ai.atlas.core.reward.RewardEvaluator;
import ai.atlas.core.reward.RewardSystem;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Scores every chosen and rejected response of an item with the profile's judges (set up once per step). */
@Named("preferenceJudge")
@Dependent
public class PreferenceJudge implements ItemProcessor {

  @Inject RewardSystem rewards;

  @Inject
  @BatchProperty
  String profile;

  private RewardSystem.Grader grader;

  /** For the batch runtime, which injects the reward system and the profile. */
  public PreferenceJudge() {}

  /** For a partition run outside a batch step ({@link PreferencePartitionHandler}). */
  PreferenceJudge(RewardSystem rewards, String profile) {
    this.rewards = rewards;
    this.profile = profile;
  }

  @Override
  public Object processItem(Object item) {
    if (grader == null) {
      grader = rewards.grader(profile); // once per step execution, not once per response
    }
    PreferenceItem preference = (PreferenceItem) item;
    return PreferenceItem.Outcome.of(preference, scores(preference, preference.chosen()), scores(preference, preference.rejected()));
  }

  private List<Double> scores(PreferenceItem item, List<String> responses) {
    return responses.stream()
        .map(response -> grader.evaluate(RewardEvaluator.Request.of(item.prompt(), response, null), null).evaluation().score())
        .toList();
  }
}
