package ai.atlas.web.interfaces.jobs;

import ai.atlas.core.common.InvalidInputException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a job console lists: the job instances, newest first, each with its executions; and the
 * jobs that can be started with their parameters and defaults, read from the job XMLs themselves
 * (so a form built from them stays true to what the jobs take).
 */
public final class JobCatalog {

  /** The jobs the REST API starts, in the order a console shows them. */
  static final List<String> JOBS = List.of("export", "reward-eval", "sft", "grpo", "gepa", "pipeline");

  private static final Pattern PARAMETER = Pattern.compile("#\\{jobParameters\\['([^']+)'\\]\\}(?:\\?:([^;]*);)?");

  /** One execution of an instance, in brief. */
  public record ExecutionSummary(long executionId, String batchStatus, String exitStatus, Instant createTime, Instant startTime,
      Instant endTime) {}

  /** One job instance and its executions, oldest first. */
  public record InstanceDto(long instanceId, String jobName, List<ExecutionSummary> executions) {}

  /** A page of instances. */
  public record InstancePage(List<InstanceDto> items, int page, int size, long total) {}

  /** A job parameter and its default (null: none, or computed by the API). */
  public record Parameter(String name, String defaultValue) {}

  /** A job that can be started, and its parameters. */
  public record Definition(String name, List<Parameter> parameters) {}

  private JobCatalog() {}

  static InstancePage instances(JobOperator jobs, String name, int page, int size) {
    if (page < 0 || size < 1 || size > 200) {
      throw new InvalidInputException("'page' must be 0 or more and 'size' between 1 and 200");
    }
    if (name != null && !name.isBlank() && !JOBS.contains(name)) {
      throw new InvalidInputException("'name' must be one of " + JOBS + ", not '" + name + "'");
    }
    List<String> names = name == null || name.isBlank() ? JOBS : List.of(name);
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

  static List<Definition> definitions() {
    List<Definition> out = new ArrayList<>();
    for (String job : JOBS) {
      try (InputStream xml = JobCatalog.class.getClassLoader().getResourceAsStream("META-INF/batch-jobs/" + job + ".xml")) {
        if (xml == null) {
          continue;
        }
        String text = new String(xml.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)<!--.*?-->", "");
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher m = PARAMETER.matcher(text);
        while (m.find()) {
          parameters.putIfAbsent(m.group(1), m.group(2));
        }
        out.add(new Definition(job, parameters.entrySet().stream().map(e -> new Parameter(e.getKey(), e.getValue())).toList()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
