package ai.atlas.batch.grpo;

import ai.atlas.batch.train.FinishedModel;
import ai.atlas.batch.train.TrainingRun;
import ai.atlas.core.application.jobs.JobResults;
import ai.atlas.core.application.jobs.TrainingMetrics;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Writes the policy as a checkpoint of the models folder, stores the run's result (steps, and the
 * reward, KL and step time at the start and end: the mean over the first and last tenth of the
 * steps) and removes the run's work folder.
 */
@Named("grpoFinish")
@Dependent
public class GrpoFinish extends AbstractBatchlet {

  @Inject @BatchProperty String base;
  @Inject @BatchProperty String output;
  @Inject @BatchProperty String modelsDir;
  @Inject @BatchProperty String reward;
  /** Blank: the run's result is the job's; else the stage of a job of stages it is (the pipeline's {@code train}). */
  @Inject @BatchProperty String resultStage;

  @Inject JobContext job;
  @Inject JobResults results;
  @Inject TrainingMetrics metrics;

  @Override
  public String process() throws Exception {
    TrainingRun run = TrainingRun.of("grpo", base, output, modelsDir, job.getInstanceId());
    List<TrainingMetrics.Step> steps = metrics.steps(job.getInstanceId());
    JsonObjectBuilder result = Json.createObjectBuilder().add("steps", steps.size()).add("output", run.output().toString())
        .add("reward", reward);
    String status = "no steps";
    if (!steps.isEmpty()) {
      int tenth = Math.max(1, steps.size() / 10);
      List<TrainingMetrics.Step> first = steps.subList(0, tenth);
      List<TrainingMetrics.Step> last = steps.subList(steps.size() - tenth, steps.size());
      ToDoubleFunction<TrainingMetrics.Step> rewardMean = s -> s.grpo().rewardMean();
      ToDoubleFunction<TrainingMetrics.Step> kl = s -> s.grpo().kl();
      result.add("firstRewardMean", mean(first, rewardMean)).add("finalRewardMean", mean(last, rewardMean))
          .add("finalKl", mean(last, kl))
          .add("meanStepMs", mean(steps, s -> s.grpo().samplingMs() + s.grpo().scoringMs() + s.grpo().forwardMs()
              + s.grpo().objectiveMs() + s.grpo().backwardMs() + s.grpo().optimizerMs()));
      status = String.format(Locale.ROOT, "%d steps, reward %.4f -> %.4f, kl %.4f", steps.size(), mean(first, rewardMean),
          mean(last, rewardMean), mean(last, kl));
    }
    FinishedModel.write(run, steps.size(), Json.createObjectBuilder().add("job", job.getJobName())
        .add("instanceId", job.getInstanceId()).add("base", run.base().toString()).add("steps", steps.size())
        .add("reward", reward).add("created", Instant.now().toString()).build());
    if (resultStage == null || resultStage.isBlank()) {
      results.store(job.getInstanceId(), job.getJobName(), result.build().toString());
    } else {
      results.storeStage(job.getInstanceId(), job.getJobName(), resultStage, result.build());
    }
    FinishedModel.cleanUp(run);
    job.setExitStatus(status);
    return status;
  }

  private static double mean(List<TrainingMetrics.Step> steps, ToDoubleFunction<TrainingMetrics.Step> value) {
    return steps.stream().mapToDouble(value).average().orElse(0);
  }
}
