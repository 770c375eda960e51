package ai.atlas.web.infrastructure;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.application.jobs.ModelFolder;
import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.domain.audit.AuditAction;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Training jobs that were running when this server went down (a crash, SIGKILL, a power cut) are
 * restarted once it is up again, from their last committed step. Liberty marks such an execution
 * FAILED when the batch runtime is first used after the start; an execution that ended FAILED
 * after this server started, before it could run anything, and whose saved training states are in
 * this server's models folder, is one of those. Its restart loads the state of the last committed
 * step, so it ends with the weights an uninterrupted run would have written.
 */
@ApplicationScoped
public class InterruptedTraining {

  private static final Logger LOG = Logger.getLogger(InterruptedTraining.class.getName());
  /** The jobs that save their state at every step (chunk boundary), so a restart resumes them exactly. */
  static final Set<String> RESUMABLE = Set.of("sft", "grpo");
  private static final int NEWEST_INSTANCES = 200;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject AuditLog audit;
  @Inject ModelFolder modelFolder;

  @Inject
  @ConfigProperty(name = "atlas.jobs.resume-interrupted", defaultValue = "true")
  boolean enabled;

  private final Instant started = Instant.now();

  /** Looks for interrupted training once the application has started (managed tasks do not run before). */
  public void start() {
    if (enabled) {
      scheduler.schedule(this::resumeQuietly, 0, TimeUnit.SECONDS);
    }
  }

  private void resumeQuietly() {
    try {
      resume();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "interrupted training jobs could not be looked for; restart them with POST /api/jobs/{id}/restart", e);
    }
  }

  /** Restarts the interrupted training executions; answers the new executions' ids. */
  List<Long> resume() {
    JobOperator operator = BatchRuntime.getJobOperator();
    List<Long> restarted = new ArrayList<>();
    Set<String> names = operator.getJobNames();
    for (String name : RESUMABLE) {
      if (!names.contains(name)) {
        continue;
      }
      for (JobInstance instance : operator.getJobInstances(name, 0, NEWEST_INSTANCES)) {
        operator.getJobExecutions(instance).stream().max(Comparator.comparingLong(JobExecution::getExecutionId))
            .filter(latest -> interruptedHere(name, instance, latest))
            .ifPresent(latest -> restart(operator, name, latest).ifPresent(restarted::add));
      }
    }
    return restarted;
  }

  private boolean interruptedHere(String name, JobInstance instance, JobExecution latest) {
    if (latest.getBatchStatus() != BatchStatus.FAILED || latest.getEndTime() == null
        || latest.getEndTime().toInstant().isBefore(started)) {
      return false;
    }
    Properties parameters = latest.getJobParameters();
    String models = parameters == null ? null : parameters.getProperty("modelsDir");
    return models != null && modelFolder.hasWork(name, models, instance.getInstanceId());
  }

  private Optional<Long> restart(JobOperator operator, String name, JobExecution latest) {
    try {
      long execution = operator.restart(latest.getExecutionId(), latest.getJobParameters());
      LOG.warning(name + " execution " + latest.getExecutionId() + " was running when the server stopped; restarted as execution "
          + execution + " from its last committed step");
      audit.record(Actor.SYSTEM, AuditAction.JOB_START, "job-execution:" + execution,
          "restart of " + latest.getExecutionId() + ", interrupted when the server stopped");
      return Optional.of(execution);
    } catch (RuntimeException e) {
      // another server sharing the folder got there first, or the job cannot restart: leave it to an operator
      LOG.log(Level.WARNING, name + " execution " + latest.getExecutionId() + " was interrupted and could not be restarted", e);
      return Optional.empty();
    }
  }
}
