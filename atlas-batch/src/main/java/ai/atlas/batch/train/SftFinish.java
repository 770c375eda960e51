package ai.atlas.batch.train;

import ai.atlas.core.application.jobs.JobResults;
import ai.atlas.core.application.jobs.TrainingMetrics;
import ai.atlas.model.backend.ReferenceBackend;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.train.TrainingState;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
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
    SftRun run = SftRun.of(base, output, modelsDir, job.getInstanceId());
    List<TrainingMetrics.Step> steps = metrics.steps(job.getInstanceId());
    Checkpoint checkpoint = Checkpoint.load(run.base());
    if (!steps.isEmpty()) {
      Transformer model = Transformer.load(checkpoint, new ReferenceBackend());
      TrainingState.restoreWeights(run.state(steps.size()), model);
    }
    checkpoint.save(run.output(), 2L << 30);
    for (String file : new String[] {"tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json"}) {
      if (Files.isRegularFile(run.base().resolve(file))) {
        Files.copy(run.base().resolve(file), run.output().resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    var result = Json.createObjectBuilder().add("steps", steps.size()).add("output", run.output().toString());
    if (!steps.isEmpty()) {
      result.add("firstLoss", steps.get(0).loss()).add("finalLoss", steps.get(steps.size() - 1).loss());
    }
    results.store(job.getInstanceId(), job.getJobName(), result.build().toString());
    if (Files.exists(run.work())) {
      TrainingState.delete(run.work());
    }
    String status = steps.isEmpty() ? "no steps" : String.format(Locale.ROOT, "%d steps, loss %.4f -> %.4f", steps.size(),
        steps.get(0).loss(), steps.get(steps.size() - 1).loss());
    job.setExitStatus(status);
    return status;
  }

}
