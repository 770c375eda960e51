package ai.atlas.batch.pipeline;

import ai.atlas.core.common.ServerBusyException;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.runtime.SessionRuntime;
import ai.atlas.core.sessions.SessionService;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one task as a real session of the profile (tagged {@code pipeline: <instance>}, scored
 * against its reference) and waits for it to end. A full server is waited out, never skipped.
 */
@Named("pipelineSessionRunner")
@Dependent
public class PipelineSessionRunner implements ItemProcessor {

  /** What became of one task. */
  public record Ran(long sessionId, String status, Double reward) implements Serializable {}

  @Inject @BatchProperty String profile;
  @Inject @BatchProperty String sessionTimeoutSeconds;
  @Inject JobContext job;
  @Inject SessionRuntime runtime;
  @Inject SessionService sessions;

  @Override
  public Object processItem(Object item) throws Exception {
    TaskFile.Task task = (TaskFile.Task) item;
    Map<String, String> metadata = Map.of("reference", task.reference(), "pipeline", Long.toString(job.getInstanceId()));
    SessionRuntime.Started started = start(new SessionRuntime.Request(profile, task.task(), metadata, null));
    SessionStatus status;
    try {
      status = started.outcome().get(Long.parseLong(sessionTimeoutSeconds), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      status = SessionStatus.RUNNING;
    } catch (ExecutionException e) {
      status = SessionStatus.FAILED;
    }
    Double reward = sessions.get(started.sessionId(), session -> session.getSessionReward().orElse(null));
    return new Ran(started.sessionId(), status.wireName(), reward);
  }

  private SessionRuntime.Started start(SessionRuntime.Request request) throws InterruptedException {
    while (true) {
      try {
        return runtime.run(request);
      } catch (ServerBusyException e) {
        Thread.sleep(Math.max(100, e.retryAfter().toMillis()));
      }
    }
  }
}
