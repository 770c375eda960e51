package ai.atlas.web.interfaces.jobs;

import ai.atlas.core.application.jobs.JobLauncher;
import ai.atlas.core.application.jobs.JobParameter;
import ai.atlas.core.common.InvalidInputException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a job console lists: the job instances, newest first, each with its executions; and the
 * jobs that can be started with their parameters, from the schemas the launchers check requests
 * against and the jobs read (so a form built from them stays true to what the jobs take).
 */
public final class JobCatalog {

  /** The order in which a console shows the jobs (one not listed comes last, by name); which jobs there are is the launchers' say. */
  private static final List<String> DISPLAY_ORDER = List.of("export", "reward-eval", "sft", "grpo", "gepa", "pipeline");

  /** One execution of an instance, in brief. */
  public record ExecutionSummary(long executionId, String batchStatus, String exitStatus, Instant createTime, Instant startTime,
      Instant endTime) {}

  /** One job instance and its executions, oldest first. */
  public record InstanceDto(long instanceId, String jobName, List<ExecutionSummary> executions) {}

  /** A page of instances. */
  public record InstancePage(List<InstanceDto> items, int page, int size, long total) {}

  /**
   * A job parameter: its type (text, integer, number, boolean, choice, list), default (null: none),
   * range or choices, whether it is required, and whether the server computes it (not the caller's).
   */
  public record Parameter(String name, String type, String defaultValue, Double min, Double max, List<String> choices,
      boolean required, boolean computed, String description) {}

  /** A job that can be started: what it does, the role that may start it, and its parameters. */
  public record Definition(String name, String description, String role, List<Parameter> parameters) {}

  private JobCatalog() {}

  /** A page of the instances of {@code jobs} (the startable ones), or of the one {@code name} names. */
  static InstancePage instances(JobOperator jobs, List<String> startable, String name, int page, int size) {
    if (page < 0 || size < 1 || size > 200) {
      throw new InvalidInputException("'page' must be 0 or more and 'size' between 1 and 200");
    }
    if (name != null && !name.isBlank() && !startable.contains(name)) {
      throw new InvalidInputException("'name' must be one of " + startable + ", not '" + name + "'");
    }
    List<String> names = name == null || name.isBlank() ? startable : List.of(name);
    long wanted = (long) (page + 1) * size;
    List<JobInstance> all = new ArrayList<>();
    long total = 0;
    for (String job : names) {
      int count = count(jobs, job);
      total += count;
      if (count > 0) {
        all.addAll(jobs.getJobInstances(job, 0, (int) Math.min(count, wanted)));
      }
    }
    all.sort(Comparator.comparingLong(JobInstance::getInstanceId).reversed());
    List<InstanceDto> items = all.stream().skip((long) page * size).limit(size).map(i -> new InstanceDto(i.getInstanceId(),
        i.getJobName(), jobs.getJobExecutions(i).stream().sorted(Comparator.comparingLong(JobExecution::getExecutionId))
        .map(JobCatalog::summary).toList())).toList();
    return new InstancePage(items, page, size, total);
  }

  private static int count(JobOperator jobs, String job) {
    try {
      return jobs.getJobInstanceCount(job);
    } catch (RuntimeException e) {
      return 0; // a job never started has no instances (the operator says so with NoSuchJobException)
    }
  }

  private static ExecutionSummary summary(JobExecution e) {
    return new ExecutionSummary(e.getExecutionId(), e.getBatchStatus().name(), e.getExitStatus(), instant(e.getCreateTime()),
        instant(e.getStartTime()), instant(e.getEndTime()));
  }

  private static Instant instant(java.util.Date date) {
    return date == null ? null : date.toInstant();
  }

  /** The launchers' jobs, in the order given. */
  static List<Definition> definitions(List<JobLauncher> launchers) {
    return launchers.stream()
        .map(l -> new Definition(l.schema().job(), l.schema().description(), l.role().wireName(),
            l.schema().parameters().stream().map(JobCatalog::parameter).toList()))
        .toList();
  }

  static int order(String job) {
    int index = DISPLAY_ORDER.indexOf(job);
    return index < 0 ? DISPLAY_ORDER.size() : index;
  }

  private static Parameter parameter(JobParameter p) {
    return new Parameter(p.name(), p.type().wireName(), p.defaultValue(), p.min(), p.max(), p.choices().isEmpty() ? null : p.choices(),
        p.required(), p.computed(), p.description());
  }
}
