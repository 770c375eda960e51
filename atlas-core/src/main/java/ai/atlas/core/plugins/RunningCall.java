package ai.atlas.core.plugins;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One call into a plugin while it runs on its worker thread: what it is, since when, how much it
 * has allocated, and, when the server had to stop it, why. All running calls are known, so a call
 * that ignores its time limit or fills the heap can be found and stopped ({@link HeapWatch}).
 */
final class RunningCall {

  private static final Logger LOG = Logger.getLogger(RunningCall.class.getName());
  private static final Set<RunningCall> RUNNING = ConcurrentHashMap.newKeySet();
  private static final int RUNNING_STATE = 0;
  private static final int ENDED_STATE = 1;
  private static final int STOPPING_STATE = 2;
  /** How long a stopped thread may take to receive its stop. */
  private static final Duration STOP_DELIVERY = Duration.ofSeconds(1);
  private static final com.sun.management.ThreadMXBean THREADS = allocationCounter();

  private final String pluginId;
  private final String what;
  private final Thread thread;
  private final long allocatedAtStart;
  private final long startedNanos = System.nanoTime();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final AtomicInteger state = new AtomicInteger(RUNNING_STATE);
  private volatile boolean stopArrived;
  private volatile String stoppedBecause;

  private RunningCall(String pluginId, String what, Thread thread) {
    this.pluginId = pluginId;
    this.what = what;
    this.thread = thread;
    this.allocatedAtStart = allocatedBy(thread);
  }

  /** Registers the call the current thread starts now. */
  static RunningCall begin(String pluginId, String what) {
    RunningCall call = new RunningCall(pluginId, what, Thread.currentThread());
    RUNNING.add(call);
    return call;
  }

  /**
   * The call's thread leaves the call (from the guard's finally block). When the server is stopping
   * the call, the stop is on its way to this thread: it waits for it here, a moment at most, so it
   * lands inside this call and never in the next task the worker thread picks up.
   */
  void end() {
    boolean stopping = !state.compareAndSet(RUNNING_STATE, ENDED_STATE);
    RUNNING.remove(this);
    ended.countDown();
    if (stopping && !stopArrived) {
      long until = System.nanoTime() + STOP_DELIVERY.toNanos();
      while (System.nanoTime() < until) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException ignored) {
          // the stop, not an interrupt, is what ends this wait
        }
      }
    }
  }

  /** The stop reached the call's thread (the guard saw it go by), so {@link #end} need not wait for it. */
  void stopArrived() {
    stopArrived = true;
  }

  /**
   * The running call that has allocated the most since it began: the likeliest to be filling the
   * heap (the oldest, where this JVM cannot count a thread's allocation).
   */
  static Optional<RunningCall> largestAllocator() {
    return RUNNING.stream().filter(call -> call.state.get() == RUNNING_STATE).max(Comparator.comparingLong(RunningCall::allocated).thenComparingLong(call -> -call.startedNanos));
  }

  long allocated() {
    return Math.max(0, allocatedBy(thread) - allocatedAtStart);
  }

  String pluginId() {
    return pluginId;
  }

  String what() {
    return what;
  }

  /** Why the server stopped this call, or null when it did not. */
  String stoppedBecause() {
    return stoppedBecause;
  }

  /** Waits a moment for the call to end on its own (it was interrupted), else stops its thread. */
  void stopUnlessItEndsWithin(Duration grace, String reason) {
    try {
      if (ended.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stop(reason);
  }

  /**
   * Stops the call's thread where it is. A plugin that ignores interruption leaves no other way to
   * get its thread (and what it holds) back; what the plugin's own objects look like afterwards is
   * its problem, the server's state is never touched by plugin code. Java 17 still has
   * {@code Thread.stop}; where a later Java refuses it, the thread is left and the call reported.
   */
  @SuppressWarnings({"deprecation", "removal"})
  void stop(String reason) {
    if (!state.compareAndSet(RUNNING_STATE, STOPPING_STATE)) {
      return; // ended already, or being stopped
    }
    stoppedBecause = reason;
    try {
      thread.stop();
      LOG.warning("stopped plugin '" + pluginId + "' in " + what + ": " + reason);
    } catch (UnsupportedOperationException e) {
      stoppedBecause = null;
      LOG.log(Level.WARNING, "plugin '" + pluginId + "' in " + what + " should be stopped (" + reason
          + ") but this Java cannot stop a thread; it is left running", e);
    }
  }

  private static long allocatedBy(Thread thread) {
    return THREADS == null ? 0 : Math.max(0, THREADS.getThreadAllocatedBytes(thread.getId()));
  }

  private static com.sun.management.ThreadMXBean allocationCounter() {
    try {
      if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean counting
          && counting.isThreadAllocatedMemorySupported()) {
        counting.setThreadAllocatedMemoryEnabled(true);
        return counting;
      }
    } catch (LinkageError | RuntimeException e) {
      LOG.log(Level.FINE, "per-thread allocation is not measurable here; runaway calls are picked by age", e);
    }
    return null;
  }
}
