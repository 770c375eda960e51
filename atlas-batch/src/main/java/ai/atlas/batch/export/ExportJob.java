package ai.atlas.batch.export;

import static ai.atlas.core.application.jobs.JobParameter.choice;
import static ai.atlas.core.application.jobs.JobParameter.integer;
import static ai.atlas.core.application.jobs.JobParameter.requiredText;

import ai.atlas.core.application.jobs.JobSchema;
import ai.atlas.core.application.trace.ExportFormat;
import ai.atlas.core.domain.session.ReviewStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The export job's parameters, declared once (see {@link ai.atlas.batch.grpo.GrpoJob}). */
public final class ExportJob {

  public static final JobSchema SCHEMA = new JobSchema("export", "Sessions as JSONL into a file of the export folder, redacted",
      List.of(
          requiredText("output", "a file of the export folder"),
          choice("reviewStatus", "approved", reviewStatuses(), "the sessions to export, by review status"),
          choice("format", "atlas", ExportFormat.wireNames(), "the line format"),
          integer("chunkSize", 100, 1, 10_000, "sessions written per transaction")));

  private ExportJob() {}

  private static List<String> reviewStatuses() {
    List<String> all = new ArrayList<>(List.of("any"));
    Arrays.stream(ReviewStatus.values()).map(ReviewStatus::wireName).forEach(all::add);
    return all;
  }
}
