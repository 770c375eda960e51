package ai.atlas.batch.rewardeval;

import static ai.atlas.core.application.jobs.JobParameter.integer;
import static ai.atlas.core.application.jobs.JobParameter.requiredText;

import ai.atlas.core.application.jobs.JobSchema;
import java.util.List;

/** The reward-eval job's parameters, declared once (see {@link ai.atlas.batch.grpo.GrpoJob}). */
public final class RewardEvalJob {

  /** A run is cut into at most this many partitions. */
  public static final int MAX_PARTITIONS = 64;

  public static final JobSchema SCHEMA = new JobSchema("reward-eval",
      "The accuracy of a profile's judges on a preference dataset of the datasets folder", List.of(
          requiredText("dataset", "a JSONL preference file of the datasets folder (prompt, chosen, rejected)"),
          requiredText("profile", "the profile whose judges are measured"),
          integer("chunkSize", 5, 1, 10_000, "items judged per transaction"),
          integer("partitions", 1, 1, MAX_PARTITIONS, "partitions, run by the servers sharing the database")));

  private RewardEvalJob() {}
}
