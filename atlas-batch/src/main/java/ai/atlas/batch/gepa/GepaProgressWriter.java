package ai.atlas.batch.gepa;

import ai.atlas.core.application.jobs.JobResults;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** After each iteration, stores the report as it stands, in the chunk's transaction: progress and budget while the job runs. */
@Named("gepaProgressWriter")
@Dependent
public class GepaProgressWriter extends AbstractItemWriter {

  @Inject JobContext job;
  @Inject StepContext step;
  @Inject JobResults results;

  @Override
  public void writeItems(List<Object> items) {
    GepaReader.GepaRun run = (GepaReader.GepaRun) step.getTransientUserData();
    results.store(job.getInstanceId(), job.getJobName(), run.report(false));
  }
}
