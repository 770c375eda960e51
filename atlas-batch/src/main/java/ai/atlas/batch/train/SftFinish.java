package ai.atlas.batch.train;

import ai.atlas.core.application.jobs.JobResults;
import ai.atlas.core.application.jobs.TrainingMetrics;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes the trained model as a checkpoint in the Hugging Face layout (the base's config and
 * tokenizer files with the new weights), stores the run's result, and removes its work folder.
 */
@Named("sftFinish")
@Dependent
public class SftFinish extends AbstractBatchlet {

  @Inject @BatchProperty String base;
  @Inject @BatchProperty String output;
  @Inject @BatchProperty String modelsDir;

  @Inject JobContext job;
  @Inject JobResults results;
  @Inject TrainingMetrics metrics;

  @Override
  public String process() throws Exception {
    TrainingRun run = TrainingRun.of("sft", base, output, modelsDir, job.getInstanceId());
    List<TrainingMetrics.Step> steps = metrics.steps(job.getInstanceId());
    var result = Json.createObjectBuilder().add("steps", steps.size()).add("output", run.output().toString());
    if (!steps.isEmpty()) {
      result.add("firstLoss", steps.get(0).loss()).add("finalLoss", steps.get(steps.size() - 1).loss());
    }
    FinishedModel.write(run, steps.size(), Json.createObjectBuilder().add("job", job.getJobName())
        .add("instanceId", job.getInstanceId()).add("base", run.base().toString()).add("steps", steps.size())
        .add("created", Instant.now().toString()).build());
    results.store(job.getInstanceId(), job.getJobName(), result.build().toString());
    FinishedModel.cleanUp(run);
    String status = steps.isEmpty() ? "no steps" : String.format(Locale.ROOT, "%d steps, loss %.4f -> %.4f", steps.size(),
        steps.get(0).loss(), steps.get(steps.size() - 1).loss());
    job.setExitStatus(status);
    return status;
  }
}
