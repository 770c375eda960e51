package ai.atlas.batch.train;

import ai.atlas.core.application.jobs.JobValues;
import ai.atlas.core.application.jobs.TrainingMetrics;
import ai.atlas.model.backend.Backends;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.model.tokenizer.Tokenizer;
import ai.atlas.model.train.SftDataset;
import ai.atlas.model.train.SftExample;
import ai.atlas.model.train.SftTrainer;
import ai.atlas.model.train.TrainingState;
import ai.atlas.server.metrics.ServerTrainingMetrics;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

/**
 * One optimizer step per chunk (one item: a batch of lines): the lines become examples (loss on the completion only),
 * the trainer steps, the step's metrics are recorded in the chunk's transaction, and the training
 * state (weights, optimizer moments, step) is saved under the step's number. The checkpoint is
 * that number: a restart loads exactly the state of the last committed step.
 */
@Named("sftWriter")
@Dependent
public class SftStepWriter extends AbstractItemWriter {

  @Inject JobContext job;
  @Inject TrainingMetrics metrics;
  @Inject ServerTrainingMetrics gauges;

  private TrainingRun run;
  private SftTrainer trainer;
  private Tokenizer tokenizer;
  private ChatFormat format;
  private int step;
  private int maxTokens;

  @Override
  public void open(Serializable checkpoint) throws IOException {
    // the job's parameters through the sft schema: its defaults for what a start left out
    JobValues parameters = SftJob.SCHEMA.values(BatchRuntime.getJobOperator().getParameters(job.getExecutionId()));
    run = TrainingRun.of("sft", parameters.required("base"), parameters.required("output"), parameters.required("modelsDir"),
        job.getInstanceId());
    maxTokens = parameters.small("maxTokens");
    Transformer model = Transformer.load(Checkpoint.load(run.base()), Backends.choose());
    trainer = new SftTrainer(model, SftTrainer.Settings.of(SftJob.schedule(parameters)));
    tokenizer = run.tokenizer();
    format = run.format();
    step = checkpoint instanceof Integer committed ? committed : 0;
    if (step > 0) {
      Properties counters = TrainingState.restore(run.state(step), model, trainer.optimizer());
      trainer.resumeAt(Integer.parseInt(counters.getProperty("step")));
    }
    Files.createDirectories(run.work());
  }

  @Override
  public void writeItems(List<Object> items) throws IOException {
    int limit = maxTokens;
    List<SftExample> batch = items.stream().flatMap(item -> ((List<?>) item).stream()).map(JsonlBatchReader.Line.class::cast)
        .map(line -> SftDataset.parse(line.text(), line.number(), tokenizer, format, limit)).toList();
    SftTrainer.StepMetrics result = trainer.step(batch);
    TrainingMetrics.Step recorded = new TrainingMetrics.Step(result.step(), result.loss(), result.tokens(), result.gradNorm(),
        result.learningRate());
    metrics.record(job.getInstanceId(), recorded);
    gauges.stepped(job.getJobName(), recorded);
    step = trainer.steps();
    Properties counters = new Properties();
    counters.setProperty("step", Integer.toString(step));
    TrainingState.save(run.state(step), trainer.model(), trainer.optimizer(), counters);
    run.keepStatesFrom(step - 1); // this one, and the last committed one until this chunk commits
  }

  @Override
  public Serializable checkpointInfo() {
    return step;
  }
}
