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

/** Scores every chosen and rejected response of an item with the profile's judges. */
@Named("preferenceJudge")
@Dependent
public class PreferenceJudge implements ItemProcessor {

  @Inject RewardSystem rewards;

  @Inject
  @BatchProperty
  String profile;

  @Override
  public Object processItem(Object item) {
    PreferenceItem preference = (PreferenceItem) item;
    return PreferenceItem.Outcome.of(preference, scores(preference, preference.chosen()), scores(preference, preference.rejected()));
  }

  private List<Double> scores(PreferenceItem item, List<String> responses) {
    return responses.stream()
        .map(response -> rewards.evaluate(profile, RewardEvaluator.Request.of(item.prompt(), response, null)).evaluation().score())
        .toList();
  }
}
