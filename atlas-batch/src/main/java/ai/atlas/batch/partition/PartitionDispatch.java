package ai.atlas.batch.partition;

import ai.atlas.core.application.jobs.PartitionWork;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The dispatching side of a partition that any server may run: submits it to
 * {@link PartitionWork} and waits, in the partition's own batch thread, until a server (this one
 * or another sharing the database) has run it. A partitioned step's batchlet calls it, so Jakarta
 * Batch still sees an ordinary partitioned step: its partitions, their exit statuses, stop and
 * restart.
 */
public final class PartitionDispatch {

  static final Duration POLL = Duration.ofMillis(200);

  private PartitionDispatch() {}

  /**
   * Runs the partition somewhere and answers the id of the server that ran it; empty when
   * {@code stopping} turned true first (the partition keeps its row: a restart of the job finds it
   * done or queued).
   *
   * @throws IllegalStateException with the server's reason when the partition failed there
   */
  public static Optional<String> run(PartitionWork work, long instanceId, String stepName, int partition, String kind, String payload,
      BooleanSupplier stopping) throws InterruptedException {
    long id = work.submit(instanceId, stepName, partition, kind, payload);
    while (!stopping.getAsBoolean()) {
      PartitionWork.Partition state = work.find(id).orElseThrow(() -> new IllegalStateException(
          "partition " + partition + " of step " + stepName + " was deleted while the job waited for it"));
      if (PartitionWork.DONE.equals(state.status())) {
        return Optional.of(state.serverId());
      }
      if (PartitionWork.FAILED.equals(state.status())) {
        throw new IllegalStateException("partition " + partition + " failed on server " + state.serverId() + ": " + state.error());
      }
      Thread.sleep(POLL.toMillis());
    }
    return Optional.empty();
  }
}
