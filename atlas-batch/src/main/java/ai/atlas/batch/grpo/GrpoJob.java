package ai.atlas.batch.grpo;

import static ai.atlas.core.application.jobs.JobParameter.bool;
import static ai.atlas.core.application.jobs.JobParameter.choice;
import static ai.atlas.core.application.jobs.JobParameter.computed;
import static ai.atlas.core.application.jobs.JobParameter.integer;
import static ai.atlas.core.application.jobs.JobParameter.number;
import static ai.atlas.core.application.jobs.JobParameter.requiredText;
import static ai.atlas.core.application.jobs.JobParameter.text;

import ai.atlas.core.application.jobs.JobParameter;
import ai.atlas.core.application.jobs.JobSchema;
import ai.atlas.core.application.jobs.JobValues;
import ai.atlas.model.grpo.GrpoSettings;
import ai.atlas.model.objective.Advantages;
import ai.atlas.model.objective.LossType;
import ai.atlas.model.train.LearningRate;
import java.util.ArrayList;
import java.util.List;

/**
 * The grpo job's parameters, declared once: the REST API checks requests against them, the job's
 * writer builds its {@link GrpoSettings} from them ({@link #settings}), the job definitions
 * endpoint lists them, and {@code JobXmlDefaultsTest} holds grpo.xml's defaults to them. The
 * pipeline job trains with the same settings.
 */
public final class GrpoJob {

  /** The training settings, shared with the pipeline job. */
  public static final List<JobParameter> TRAINING = List.of(
      integer("promptsPerStep", 4, 1, 1024, "prompts read per GRPO step"),
      integer("epochs", 1, 1, 1000, "passes over the prompts"),
      integer("maxSteps", 0, 0, 1_000_000, "stop after this many steps (0: the whole dataset)"),
      integer("numGenerations", 8, 2, 256, "completions sampled per prompt (the group)"),
      number("temperature", 1.0, 0.01, 10, "sampling temperature"),
      integer("maxCompletionLength", 64, 1, 1 << 16, "tokens per completion at most"),
      bool("maskTruncated", false, "leave completions cut at maxCompletionLength out of the loss"),
      choice("lossType", "dapo", List.of("dapo", "grpo", "bnpo", "dr_grpo"), "the loss normalisation, as TRL names it"),
      number("beta", 0.04, 0, 100, "weight of the k3 KL against the reference (0: no reference)"),
      number("epsilonLow", 0.2, 0, 1, "lower clip of the ratio"),
      number("epsilonHigh", 0.2, 0, 10, "upper clip of the ratio"),
      choice("scaleRewards", "group", List.of("group", "batch", "none"), "how advantages are scaled"),
      integer("iterations", 1, 1, 64, "optimizer steps per sampled batch"),
      number("learningRate", 1e-5, 1e-12, 0.999, "peak learning rate"),
      integer("warmupSteps", 0, 0, 1_000_000, "linear warm-up steps"),
      choice("schedule", "constant", List.of("constant", "linear", "cosine"), "decay after warm-up"),
      number("clipNorm", 1.0, 0, 1e6, "global gradient-norm clip (0: none)"),
      number("weightDecay", 0.0, 0, 1, "AdamW weight decay"),
      integer("microBatch", 16, 1, 4096, "sequences per forward/backward pass"),
      integer("refSyncSteps", 0, 0, 1_000_000, "mix the policy into the reference every this many steps (0: frozen)"),
      number("refMixAlpha", 0.6, 0, 1, "the policy's share when the reference is synced"),
      integer("seed", 0, 0, Long.MAX_VALUE, "sampling and shuffling seed"),
      computed("modelsDir", JobParameter.Type.TEXT, null, "the models folder, from the server's configuration"),
      computed("totalSteps", JobParameter.Type.INTEGER, "1000", "GRPO steps of the schedule, from the dataset's size"));

  public static final JobSchema SCHEMA = new JobSchema("grpo",
      "GRPO training of a checkpoint of the models folder on the prompts of a dataset or of the approved sessions",
      with(List.of(
          choice("source", "dataset", List.of("dataset", "sessions"), "the prompts: a dataset, or the approved sessions"),
          text("dataset", null, "a JSONL file of the datasets folder (source dataset)"),
          requiredText("base", "the checkpoint to train, a folder of the models folder"),
          requiredText("output", "where the trained checkpoint goes, a folder of the models folder"),
          choice("reward", "verifiable", List.of("verifiable", "reward-system", "teaching", "teaching-paired"), "what scores a completion"),
          text("profile", null, "the profile whose judges or agent the reward uses (all but verifiable)"),
          number("partialCredit", 0, 0, 0.999, "verifiable: credit for a near number"))));

  private GrpoJob() {}

  private static List<JobParameter> with(List<JobParameter> first) {
    List<JobParameter> all = new ArrayList<>(first);
    all.addAll(TRAINING);
    return all;
  }

  /** The trainer's settings from the job's values; the schedule counts optimizer steps, {@code iterations} per GRPO step. */
  public static GrpoSettings settings(JobValues values) {
    int total = values.small("totalSteps") * values.small("iterations");
    return new GrpoSettings(values.small("numGenerations"), values.number("temperature"), values.small("maxCompletionLength"),
        values.bool("maskTruncated"), LossType.of(values.required("lossType")), values.number("beta"), values.number("epsilonLow"),
        values.number("epsilonHigh"), Advantages.Scale.of(values.required("scaleRewards")), values.small("iterations"),
        new LearningRate(values.number("learningRate"), values.small("warmupSteps"), total,
            LearningRate.Shape.of(values.required("schedule")), 0.1),
        values.number("clipNorm"), values.number("weightDecay"), values.small("microBatch"), values.small("refSyncSteps"),
        values.number("refMixAlpha"), values.integer("seed"));
  }
}
