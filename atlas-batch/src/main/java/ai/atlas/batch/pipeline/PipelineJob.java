package ai.atlas.batch.pipeline;

import static ai.atlas.core.application.jobs.JobParameter.choice;
import static ai.atlas.core.application.jobs.JobParameter.computed;
import static ai.atlas.core.application.jobs.JobParameter.integer;
import static ai.atlas.core.application.jobs.JobParameter.number;
import static ai.atlas.core.application.jobs.JobParameter.requiredText;
import static ai.atlas.core.application.jobs.JobParameter.text;

import ai.atlas.batch.grpo.GrpoJob;
import ai.atlas.core.application.jobs.JobParameter;
import ai.atlas.core.application.jobs.JobSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline job's parameters, declared once (see {@link GrpoJob}): its own, and the grpo job's
 * training settings. What it trains on, with which reward and from which checkpoint are not the
 * caller's: they are computed (the profile's approved sessions, the teaching-paired reward, the
 * profile's teacher).
 */
public final class PipelineJob {

  /** Fields of the grpo job a pipeline request may not set. */
  public static final List<String> FIXED = List.of("source", "reward", "base", "dataset");

  public static final JobSchema SCHEMA = new JobSchema("pipeline",
      "The closed loop on a profile: sessions run from a task file (optional), reviewed by rule, exported, the profile's teacher"
          + " trained by GRPO with the teaching reward, measured against the previous teacher on held-out tasks, and switched in"
          + " when the rule allows", parameters());

  private PipelineJob() {}

  private static List<JobParameter> parameters() {
    List<JobParameter> all = new ArrayList<>(List.of(
        requiredText("profile", "the profile whose teacher learns"),
        text("tasks", null, "a task file of the datasets folder to run as sessions first"),
        requiredText("heldOut", "the task file of the datasets folder to measure on (never trained on)"),
        requiredText("output", "where the new teacher goes, a folder of the models folder"),
        integer("maxSessions", 1000, 1, 100_000, "sessions run from the task file at most"),
        integer("sessionTimeoutSeconds", 300, 1, 86_400, "the longest one session may run"),
        integer("maxHeldOut", 1000, 1, 100_000, "held-out tasks measured at most"),
        number("minReward", 1.0, 0, 1, "the reward from which a session is approved by rule"),
        choice("switchWhen", "not-worse", List.of("always", "not-worse", "never"), "when the profile takes the new teacher"),
        number("partialCredit", 0, 0, 0.999, "unused by the teaching reward; kept for the grpo step")));
    all.addAll(GrpoJob.TRAINING);
    all.addAll(List.of(
        computed("source", JobParameter.Type.CHOICE, "sessions", "always the profile's approved sessions"),
        computed("reward", JobParameter.Type.CHOICE, "teaching-paired", "always the paired teaching reward"),
        computed("base", JobParameter.Type.TEXT, null, "the profile's teacher checkpoint"),
        computed("dataset", JobParameter.Type.TEXT, null, "the exported sessions, a new file of the datasets folder"),
        computed("startedBy", JobParameter.Type.TEXT, null, "who started the pipeline")));
    return all;
  }
}
