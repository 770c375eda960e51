package ai.atlas.batch.pipeline;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.io.Serializable;
import java.util.List;

/** Counts the sessions the pipeline ran, by outcome, and writes the count into the job's result after each chunk. */
@Named("pipelineSessionWriter")
@Dependent
public class PipelineSessionWriter extends AbstractItemWriter {

  /** The counts so far; the checkpoint, so a restart goes on counting. */
  public record Counts(int ran, int succeeded, int rewarded, double rewardSum, long firstId, long lastId) implements Serializable {
    static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);

    Counts plus(PipelineSessionRunner.Ran one) {
      boolean scored = one.reward() != null;
      return new Counts(ran + 1, succeeded + ("succeeded".equals(one.status()) ? 1 : 0), rewarded + (scored ? 1 : 0),
          rewardSum + (scored ? one.reward() : 0), firstId == 0 ? one.sessionId() : firstId, one.sessionId());
    }
  }

  @Inject JobContext job;
  @Inject PipelineReport report;

  private Counts counts = Counts.NONE;

  @Override
  public void open(Serializable checkpoint) {
    counts = checkpoint instanceof Counts c ? c : Counts.NONE;
    // a job given no task file reads nothing: the stage still says so
    write();
  }

  @Override
  public void writeItems(List<Object> items) {
    for (Object item : items) {
      counts = counts.plus((PipelineSessionRunner.Ran) item);
    }
    write();
  }

  private void write() {
    var entry = Json.createObjectBuilder().add("ran", counts.ran()).add("succeeded", counts.succeeded())
        .add("scored", counts.rewarded());
    if (counts.rewarded() > 0) {
      entry.add("meanReward", counts.rewardSum() / counts.rewarded());
    }
    if (counts.ran() > 0) {
      entry.add("firstSessionId", counts.firstId()).add("lastSessionId", counts.lastId());
    }
    report.stage(job, "sessions", entry.build());
  }

  @Override
  public Serializable checkpointInfo() {
    return counts;
  }
}
