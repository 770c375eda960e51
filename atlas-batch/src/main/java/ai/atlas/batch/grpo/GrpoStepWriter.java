package ai.atlas.batch.grpo;

import ai.atlas.batch.train.TrainingRun;
import ai.atlas.core.application.jobs.JobValues;
import ai.atlas.core.application.jobs.TrainingMetrics;
import ai.atlas.model.backend.Backend;
import ai.atlas.model.backend.Backends;
import ai.atlas.model.grpo.GrpoPrompt;
import ai.atlas.model.grpo.GrpoRewards;
import ai.atlas.model.grpo.GrpoSettings;
import ai.atlas.model.grpo.GrpoTrainer;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.nn.Transformer;
import ai.atlas.server.metrics.ServerTrainingMetrics;
import jakarta.batch.api.BatchProperty;
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
 * One GRPO step per chunk, owned here from end to end: the prompts the processor parsed are
 * sampled by the policy and scored by the reward, then go through the objective and the optimizer;
 * the step's metrics are recorded in the chunk's transaction, and the run's state (policy,
 * optimizer, reference, step) is saved under the step's number, which is the checkpoint. On open
 * it builds the trainer from the job's parameters read through the grpo schema (restoring the last
 * committed state on a restart); the reward opens at the first chunk and closes with the step.
 */
@Named("grpoWriter")
@Dependent
public class GrpoStepWriter extends AbstractItemWriter {

  @Inject @BatchProperty String reward;
  @Inject @BatchProperty String profile;
  @Inject @BatchProperty String partialCredit;

  @Inject JobContext job;
  @Inject GrpoRewardSources sources;
  @Inject TrainingMetrics metrics;
  @Inject ServerTrainingMetrics gauges;

  private TrainingRun run;
  private GrpoTrainer trainer;
  private GrpoRewards rewards;

  /** The job's parameters through the grpo schema (the pipeline's too): its defaults for what a start left out. */
  private JobValues parameters() {
    return GrpoJob.SCHEMA.values(BatchRuntime.getJobOperator().getParameters(job.getExecutionId()));
  }

  @Override
  public void open(Serializable checkpoint) throws IOException {
    JobValues parameters = parameters();
    run = TrainingRun.of("grpo", parameters.required("base"), parameters.required("output"), parameters.required("modelsDir"),
        job.getInstanceId());
    GrpoSettings settings = GrpoJob.settings(parameters);
    Backend backend = Backends.choose();
    Transformer policy = Transformer.load(Checkpoint.load(run.base()), backend);
    Transformer reference = settings.beta() > 0 ? Transformer.load(Checkpoint.load(run.base()), backend) : null;
    trainer = new GrpoTrainer(policy, reference, run.tokenizer(), run.format(), settings, backend.grpoObjective());
    int committed = checkpoint instanceof Integer step ? step : 0;
    if (committed > 0) {
      trainer.restore(run.state(committed));
    }
    Files.createDirectories(run.work());
  }

  @Override
  public void close() {
    if (rewards != null) {
      rewards.close();
    }
  }

  @Override
  public void writeItems(List<Object> items) throws IOException {
    if (rewards == null) {
      rewards = sources.open(reward, profile, Double.parseDouble(partialCredit)); // once per step execution
    }
    for (Object item : items) {
      List<GrpoPrompt> prompts = ((List<?>) item).stream().map(GrpoPrompt.class::cast).toList();
      GrpoTrainer.StepMetrics m = trainer.update(trainer.rollout(rewards.prompts(prompts), rewards));
      GrpoTrainer.Timings t = m.timings();
      TrainingMetrics.Step recorded = new TrainingMetrics.Step(m.step(), m.loss(), m.tokens(), m.gradNorm(), m.learningRate(),
          new TrainingMetrics.Grpo(m.rewardMean(), m.rewardStd(), m.kl(), m.clipFraction(), m.entropy(), m.completionLength(),
              m.truncatedFraction(), m.improvementRate(), m.degradationRate(), t.sampling(), t.scoring(), t.forward(), t.objective(),
              t.backward(), t.optimizer()));
      metrics.record(job.getInstanceId(), recorded);
      gauges.stepped(job.getJobName(), recorded);
    }
    int step = trainer.steps();
    trainer.save(run.state(step), new Properties());
    run.keepStatesFrom(step - 1); // this one, and the last committed one until this chunk commits
  }

  @Override
  public Serializable checkpointInfo() {
    return trainer == null ? 0 : trainer.steps();
  }
}
