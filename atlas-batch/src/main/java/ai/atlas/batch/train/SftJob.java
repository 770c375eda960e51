package ai.atlas.batch.train;

import static ai.atlas.core.application.jobs.JobParameter.choice;
import static ai.atlas.core.application.jobs.JobParameter.computed;
import static ai.atlas.core.application.jobs.JobParameter.integer;
import static ai.atlas.core.application.jobs.JobParameter.number;
import static ai.atlas.core.application.jobs.JobParameter.requiredText;

import ai.atlas.core.application.jobs.JobParameter;
import ai.atlas.core.application.jobs.JobSchema;
import ai.atlas.core.application.jobs.JobValues;
import ai.atlas.model.train.LearningRate;
import java.util.List;

/**
 * The sft job's parameters, declared once (see {@link ai.atlas.batch.grpo.GrpoJob}): the launcher
 * checks requests against them and the writer reads its schedule and limits through them.
 */
public final class SftJob {

  public static final JobSchema SCHEMA = new JobSchema("sft",
      "Fine-tune a checkpoint of the models folder on a dataset of the datasets folder", List.of(
          requiredText("dataset", "a JSONL file of the datasets folder (prompt/completion or messages)"),
          requiredText("base", "the checkpoint to train, a folder of the models folder"),
          requiredText("output", "where the trained checkpoint goes, a folder of the models folder"),
          integer("epochs", 1, 1, 1000, "passes over the dataset"),
          integer("batchSize", 8, 1, 4096, "examples per optimizer step"),
          number("learningRate", 1e-4, 1e-12, 0.999, "peak learning rate"),
          integer("warmupSteps", 0, 0, 1_000_000, "linear warm-up steps"),
          choice("schedule", "cosine", List.of("constant", "linear", "cosine"), "decay after warm-up"),
          integer("seed", 0, 0, Long.MAX_VALUE, "shuffling seed"),
          integer("maxTokens", 2048, 1, 1 << 20, "tokens per example at most"),
          computed("modelsDir", JobParameter.Type.TEXT, null, "the models folder, from the server's configuration"),
          computed("totalSteps", JobParameter.Type.INTEGER, "1000", "optimizer steps of the schedule, from the dataset's size")));

  private SftJob() {}

  /** The learning-rate schedule of the job's values. */
  public static LearningRate schedule(JobValues values) {
    return new LearningRate(values.number("learningRate"), values.small("warmupSteps"), values.small("totalSteps"),
        LearningRate.Shape.of(values.required("schedule")), 0.1);
  }
}
