package ai.atlas.batch.pipeline;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.nio.file.Path;
import java.util.Arrays;

/** Reports the export stage: how many approved sessions became training prompts, and where. */
@Named("pipelineExportListener")
@Dependent
public class PipelineExportListener extends AbstractStepListener {

  @Inject @BatchProperty String dataset;
  @Inject JobContext job;
  @Inject StepContext step;
  @Inject PipelineReport report;

  @Override
  public void afterStep() {
    long read = metric(Metric.MetricType.READ_COUNT);
    long written = metric(Metric.MetricType.WRITE_COUNT);
    report.stage(job, "export", Json.createObjectBuilder().add("sessionsRead", read).add("lines", written)
        .add("dataset", Path.of(dataset).getFileName().toString()).build());
  }

  private long metric(Metric.MetricType type) {
    return Arrays.stream(step.getMetrics()).filter(m -> m.getType() == type).mapToLong(Metric::getValue).sum();
  }
}
