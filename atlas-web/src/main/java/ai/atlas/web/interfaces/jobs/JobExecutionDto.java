package ai.atlas.web.interfaces.jobs;

import ai.atlas.core.application.jobs.TrainingMetrics;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One execution of a batch job, with its steps and their metrics, what the job concluded (null
 * until it did) and, for a training job, the metrics of its latest step.
 */
public record JobExecutionDto(
    long executionId,
    long instanceId,
    String jobName,
    String batchStatus,
    String exitStatus,
    Instant createTime,
    Instant startTime,
    Instant endTime,
    Map<String, String> parameters,
    List<StepDto> steps,
    JsonValue result,
    TrainingMetrics.Step lastTrainingStep) {

  /** A step execution; metrics are the Jakarta Batch ones (READ_COUNT, WRITE_COUNT, COMMIT_COUNT...). */
  public record StepDto(
      String name, String batchStatus, String exitStatus, Instant startTime, Instant endTime,
      Map<String, Long> metrics) {}
}
