package ai.atlas.core.application.jobs;

import ai.atlas.core.application.cluster.ServerIdentity;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server's share of the partitions in {@link PartitionWork}: every {@link #POLL} it claims
 * queued partitions while it has free slots
 * ({@code atlas.batch.partition-slots}, environment {@code ATLAS_BATCH_PARTITION_SLOTS}, default
 * 1; 0 makes a server that dispatches partitions but runs none), runs each with the
 * {@link PartitionHandler} of its kind, and says every {@link #HEARTBEAT} that it is still at it;
 * every {@link #HEARTBEAT} it also queues again what a server silent for {@link #SILENCE} abandoned.
 */
@ApplicationScoped
public class PartitionRunner {

  private static final Logger LOG = Logger.getLogger(PartitionRunner.class.getName());
  static final Duration POLL = Duration.ofMillis(250);
  static final Duration HEARTBEAT = Duration.ofSeconds(5);
  /** A running partition whose server has been silent this long is queued again. */
  static final Duration SILENCE = Duration.ofSeconds(60);

  @Inject PartitionWork work;
  @Inject @Any Instance<PartitionHandler> handlers;
  @Inject Instance<ServerIdentity> configuredIdentity;

  @Resource ManagedExecutorService executor;
  @Resource ManagedScheduledExecutorService scheduler;

  private volatile Semaphore slots;
  private volatile ScheduledFuture<?> polling;
  private volatile long lastFailureLog;
  private volatile long lastRequeue = System.nanoTime() - HEARTBEAT.toNanos();

  /** Queues again what this server was running before it stopped, then starts polling. */
  public synchronized void start() {
    if (polling != null) {
      return;
    }
    slots = new Semaphore(configuredSlots());
    try {
      int requeued = work.requeueOwn(serverId());
      if (requeued > 0) {
        LOG.warning(requeued + " batch partitions were running on this server when it stopped; they are queued again");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not queue again this server's interrupted batch partitions; the silence rule will", e);
    }
    polling = scheduler.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  synchronized void stop() {
    if (polling != null) {
      polling.cancel(false);
      polling = null;
    }
  }

  static int configuredSlots() {
    String value = System.getProperty("atlas.batch.partition-slots", System.getenv().getOrDefault("ATLAS_BATCH_PARTITION_SLOTS", "1"));
    try {
      return Math.max(0, Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      LOG.warning("atlas.batch.partition-slots=" + value + " is not a whole number; this server runs 1 partition at a time");
      return 1;
    }
  }

  private String serverId() {
    return configuredIdentity.isResolvable() ? configuredIdentity.get().id() : ServerIdentity.LOCAL.id();
  }

  private void poll() {
    try {
      long now = System.nanoTime();
      if (now - lastRequeue >= HEARTBEAT.toNanos()) { // a silent server is a minute late: checking every poll is wasted
        lastRequeue = now;
        work.requeueSilent(SILENCE);
      }
      while (slots.tryAcquire()) {
        Optional<PartitionWork.Claimed> claimed;
        try {
          claimed = work.claim(serverId());
        } catch (RuntimeException e) {
          slots.release();
          throw e;
        }
        if (claimed.isEmpty()) {
          slots.release();
          break;
        }
        run(claimed.get());
      }
    } catch (RuntimeException | Error e) {
      // a failed poll (the database is away) must not end the polling; say so at most once a minute
      long now = System.nanoTime();
      if (now - lastFailureLog > TimeUnit.MINUTES.toNanos(1)) {
        lastFailureLog = now;
        LOG.log(Level.WARNING, "batch partitions could not be polled; retrying every " + POLL.toMillis() + " ms", e);
      }
    }
  }

  private void run(PartitionWork.Claimed partition) {
    String me = serverId();
    try {
      executor.execute(() -> {
        ScheduledFuture<?> heartbeat = scheduler.scheduleWithFixedDelay(() -> beat(partition.id(), me), HEARTBEAT.toMillis(),
            HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        try {
          PartitionHandler handler = handler(partition.kind());
          String result = handler.run(partition.payload());
          work.complete(partition.id(), me, result);
        } catch (Exception | Error e) {
          String reason = e.getMessage() == null ? e.toString() : e.getMessage();
          LOG.log(Level.WARNING, "batch partition " + partition.id() + " (" + partition.kind() + ") failed: " + reason, e);
          try {
            work.fail(partition.id(), me, reason);
          } catch (RuntimeException unrecorded) {
            LOG.log(Level.WARNING, "could not record the failure of batch partition " + partition.id(), unrecorded);
          }
        } finally {
          heartbeat.cancel(false);
          slots.release();
        }
      });
    } catch (RuntimeException e) {
      slots.release();
      work.fail(partition.id(), me, "the server could not schedule the partition: " + e.getMessage());
    }
  }

  private void beat(long id, String me) {
    try {
      work.heartbeat(id, me);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "heartbeat of batch partition " + id, e);
    }
  }

  private PartitionHandler handler(String kind) {
    for (PartitionHandler handler : handlers) {
      if (handler.kind().equals(kind)) {
        return handler;
      }
    }
    throw new IllegalStateException("this server has no handler for partitions of kind '" + kind + "'");
  }
}
