package ai.atlas.web.interfaces.jobs;

import ai.atlas.core.application.jobs.JobLauncher;
import ai.atlas.core.application.jobs.JobResults;
import ai.atlas.core.application.jobs.TrainingMetrics;
import ai.atlas.core.common.Json;
import ai.atlas.core.common.NotFoundException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Job executions as the API describes them, from Liberty's job operator and the job's stored result and metrics. */
@ApplicationScoped
public class JobExecutions {

  /** Where Liberty writes job logs (batchJobLogging), relative to the server's output folder. */
  @Inject
  @ConfigProperty(name = "atlas.joblogs.dir", defaultValue = "logs/joblogs")
  String jobLogsDir;

  @Inject Instance<JobLauncher> launchers;
  @Inject JobResults results;
  @Inject TrainingMetrics trainingMetrics;

  /** The jobs' log folders. */
  JobLogs logs() {
    return new JobLogs(java.nio.file.Path.of(jobLogsDir));
  }

  /** The launchers of the jobs that can be started, in the order a console shows them. */
  List<JobLauncher> launchers() {
    return launchers.stream().sorted(Comparator.comparingInt((JobLauncher l) -> JobCatalog.order(l.schema().job()))
        .thenComparing(l -> l.schema().job())).toList();
  }

  /** The answer to a start or a restart: 202 with the new execution, and where to follow it. */
  Response accepted(long executionId, UriInfo uri) {
    return Response.accepted(describe(executionId))
        .location(uri.getBaseUriBuilder().path(JobExecutionResource.class).build(executionId))
        .build();
  }

  /** The execution, its steps, parameters, result and last training step; 404 for an unknown execution. */
  JobExecutionDto describe(long executionId) {
    JobOperator jobs = operator();
    JobExecution execution;
    try {
      execution = jobs.getJobExecution(executionId);
    } catch (RuntimeException e) {
      // Liberty wraps NoSuchJobExecutionException in its own persistence exception.
      if (causedBy(e, NoSuchJobExecutionException.class)) {
        throw new NotFoundException("no job execution with id " + executionId);
      }
      throw e;
    }
    Map<String, String> parameters = new TreeMap<>();
    Properties given = execution.getJobParameters();
    if (given != null) {
      given.stringPropertyNames().forEach(name -> parameters.put(name, given.getProperty(name)));
    }
    long instanceId = jobs.getJobInstance(executionId).getInstanceId();
    return new JobExecutionDto(
        executionId,
        instanceId,
        execution.getJobName(),
        execution.getBatchStatus().name(),
        execution.getExitStatus(),
        instant(execution.getCreateTime()),
        instant(execution.getStartTime()),
        instant(execution.getEndTime()),
        parameters,
        jobs.getStepExecutions(executionId).stream().map(JobExecutions::step).toList(),
        results.find(instanceId).map(Json::parse).orElse(null),
        trainingMetrics.last(instanceId).orElse(null));
  }

  private static JobExecutionDto.StepDto step(StepExecution step) {
    Map<String, Long> metrics = new TreeMap<>();
    Arrays.stream(step.getMetrics()).forEach(m -> metrics.put(m.getType().name(), m.getValue()));
    return new JobExecutionDto.StepDto(
        step.getStepName(),
        step.getBatchStatus().name(),
        step.getExitStatus(),
        instant(step.getStartTime()),
        instant(step.getEndTime()),
        metrics);
  }

  /** Whether {@code e} or one of its causes is a {@code type}: Liberty wraps the batch exceptions. */
  static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  static JobOperator operator() {
    return BatchRuntime.getJobOperator();
  }
}
