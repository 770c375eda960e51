package ai.atlas.core.runtime;

import ai.atlas.core.domain.session.SessionStatus;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the durable session queue on this server: claims queued sessions from the database as
 * slots free up ({@link RuntimeLimits#concurrent} at once), runs each on the managed executor, and
 * tells whoever waits for a session when it is over. Every server sharing the database runs one;
 * the claim is atomic per session, so each queued session runs on exactly one of them. It polls
 * the queue every {@link #POLL} (what other servers and earlier runs queued) and drains at once
 * when this server queues a session or finishes one.
 */
@ApplicationScoped
public class SessionQueue {

  private static final Logger LOG = Logger.getLogger(SessionQueue.class.getName());
  static final Duration POLL = Duration.ofMillis(250);
  /** Waiters checked against the database per poll, at most (sessions another server finished). */
  private static final int WAITERS_PER_POLL = 500;

  @Inject SessionRecorder recorder;
  @Inject SessionRuntime runtime;

  @Resource ManagedExecutorService executor;
  @Resource ManagedScheduledExecutorService scheduler;

  private final Map<Long, CompletableFuture<SessionStatus>> waiters = new ConcurrentHashMap<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean drainAgain = new AtomicBoolean();
  private volatile Semaphore slots;
  private volatile ScheduledFuture<?> polling;
  private volatile long lastFailureLog;

  /** Starts polling; the server calls it once its schema is migrated and its interrupted sessions failed. */
  public synchronized void start() {
    if (polling == null) {
      polling = scheduler.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (polling != null) {
      polling.cancel(false);
      polling = null;
    }
  }

  /** Drains the queue soon, on the executor: a session was queued or a slot freed. */
  void wake() {
    try {
      executor.execute(this::drainQuietly);
    } catch (RuntimeException e) {
      // The executor is shutting down or full; the next poll drains.
    }
  }

  /**
   * Waits up to {@code limit} for a session's run to be over, whichever server runs it; empty when
   * it is still queued or running then.
   */
  public Optional<SessionStatus> await(long id, Duration limit) throws InterruptedException {
    CompletableFuture<SessionStatus> done = waiters.computeIfAbsent(id, k -> new CompletableFuture<>());
    // It may have ended before the waiter was there.
    recorder.statusOf(id).filter(SessionStatus::isFinished).ifPresent(status -> finished(id, status));
    try {
      return Optional.of(done.get(limit.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of(SessionStatus.FAILED);
    }
  }

  private void poll() {
    try {
      runtime.recordPendingFailures();
      drain();
      completeWaitersFinishedElsewhere();
    } catch (RuntimeException | Error e) {
      // A poll that fails (the database is down, a plugin exhausted the heap a moment ago) must not
      // end the polling, which a scheduled executor does on anything thrown; say so at most once a minute.
      long now = System.nanoTime();
      if (now - lastFailureLog > TimeUnit.MINUTES.toNanos(1)) {
        lastFailureLog = now;
        LOG.log(Level.WARNING, "the session queue could not be polled; it retries every " + POLL.toMillis() + " ms", e);
      }
    }
  }

  private void drainQuietly() {
    try {
      drain();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "draining the session queue", e);
    }
  }

  /** Claims as many queued sessions as there are free slots and starts them; one drain at a time. */
  private void drain() {
    if (!draining.compareAndSet(false, true)) {
      drainAgain.set(true);
      return;
    }
    try {
      do {
        drainAgain.set(false);
        while (true) {
          int free = slots().availablePermits();
          if (free == 0) {
            break;
          }
          List<QueuedSession> claimed = recorder.claim(free);
          claimed.forEach(this::start);
          if (claimed.size() < free) {
            break;
          }
        }
      } while (drainAgain.get());
    } finally {
      draining.set(false);
    }
  }

  private void start(QueuedSession session) {
    slots().acquireUninterruptibly(); // free: only the drain takes slots, and it saw them free
    try {
      executor.execute(() -> {
        try {
          finished(session.id(), runtime.runClaimed(session));
        } finally {
          slots().release();
          wake();
        }
      });
    } catch (RuntimeException e) {
      slots().release();
      runtime.failClaimed(session, "the server could not schedule the session: " + e.getMessage());
      finished(session.id(), SessionStatus.FAILED);
    }
  }

  private void completeWaitersFinishedElsewhere() {
    if (waiters.isEmpty()) {
      return;
    }
    List<Long> ids = waiters.keySet().stream().limit(WAITERS_PER_POLL).toList();
    recorder.finishedAmong(ids).forEach(this::finished);
  }

  private void finished(long id, SessionStatus status) {
    CompletableFuture<SessionStatus> waiter = waiters.remove(id);
    if (waiter != null) {
      waiter.complete(status);
    }
  }

  private Semaphore slots() {
    Semaphore current = slots;
    if (current == null) {
      synchronized (this) {
        if (slots == null) {
          slots = new Semaphore(runtime.limits().concurrent());
        }
        current = slots;
      }
    }
    return current;
  }
}
