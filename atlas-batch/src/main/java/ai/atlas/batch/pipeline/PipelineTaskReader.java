package ai.atlas.batch.pipeline;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * The tasks the pipeline runs as sessions, at most {@code maxSessions} of the task file; none
 * when the job was given no file (the loop then learns from the sessions already stored). The
 * checkpoint is the number handed out, so a restart runs no task twice.
 */
@Named("pipelineTaskReader")
@Dependent
public class PipelineTaskReader extends AbstractItemReader {

  @Inject @BatchProperty String tasks;
  @Inject @BatchProperty String maxSessions;

  private List<TaskFile.Task> all;
  private int next;

  @Override
  public void open(Serializable checkpoint) {
    all = tasks == null || tasks.isBlank() ? List.of() : TaskFile.read(Path.of(tasks), Integer.parseInt(maxSessions));
    next = checkpoint instanceof Integer position ? position : 0;
  }

  @Override
  public Object readItem() {
    return next < all.size() ? all.get(next++) : null;
  }

  @Override
  public Serializable checkpointInfo() {
    return next;
  }
}
