package ai.atlas.batch.rewardeval;

import ai.atlas.core.reward.PreferenceEvaluations;
import ai.atlas.core.reward.PreferenceItem;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Stores each chunk's outcomes in the chunk's transaction. */
@Named("preferenceOutcomeWriter")
@Dependent
public class PreferenceOutcomeWriter extends AbstractItemWriter {

  @Inject PreferenceEvaluations evaluations;
  @Inject JobContext job;

  @Override
  public void writeItems(List<Object> items) {
    evaluations.store(job.getInstanceId(), items.stream().map(PreferenceItem.Outcome.class::cast).toList());
  }
}
