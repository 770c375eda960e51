package ai.atlas.batch.grpo;

import ai.atlas.batch.train.JsonlBatchReader;
import ai.atlas.model.grpo.GrpoDataset;
import ai.atlas.model.grpo.GrpoPrompt;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * A batch of dataset lines becomes a scored batch: the lines are parsed into prompts (a bad line
 * fails the step before anything of it is trained, with its line number), the policy samples each
 * prompt's group, the reward scores them, and the group advantages are computed. The policy is
 * the one the step's writer trains (shared through the step context).
 */
@Named("grpoSampler")
@Dependent
public class GrpoSampler implements ItemProcessor {

  @Inject @BatchProperty String reward;
  @Inject @BatchProperty String profile;
  @Inject @BatchProperty String partialCredit;

  @Inject StepContext step;
  @Inject GrpoRewardSources sources;

  @Override
  public Object processItem(Object item) {
    GrpoStepParts parts = (GrpoStepParts) step.getTransientUserData();
    if (parts.rewards == null) {
      parts.rewards = sources.open(reward, profile, Double.parseDouble(partialCredit)); // once per step execution
    }
    List<GrpoPrompt> prompts = ((List<?>) item).stream().map(JsonlBatchReader.Line.class::cast)
        .map(line -> GrpoDataset.parse(line.text(), line.number())).toList();
    return parts.trainer.rollout(parts.rewards.prompts(prompts), parts.rewards);
  }
}
