package ai.atlas.batch.rewardeval;

import ai.atlas.core.application.jobs.JobResults;
import ai.atlas.core.reward.PreferenceEvaluations;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import java.util.Locale;

/** Computes the accuracy per category and overall, stores it as the job's result, and says it in the exit status. */
@Named("rewardEvalSummary")
@Dependent
public class RewardEvalSummary extends AbstractBatchlet {

  @Inject PreferenceEvaluations evaluations;
  @Inject JobResults results;
  @Inject JobContext job;

  @Override
  public String process() {
    JsonObject accuracy = evaluations.accuracy(job.getInstanceId());
    results.store(job.getInstanceId(), job.getJobName(), accuracy.toString());
    String status = accuracy.isNull("accuracy") ? "no items"
        : String.format(Locale.ROOT, "accuracy %.3f (%d of %d items)", accuracy.getJsonNumber("accuracy").doubleValue(),
            accuracy.getJsonNumber("correct").longValue(), accuracy.getJsonNumber("items").longValue());
    job.setExitStatus(status);
    return status;
  }
}
