package ai.atlas.model.backend;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads that take parts of one product while the calling thread computes its own part, and
 * that keep polling for the next part for a short while ({@link #SPIN_NANOS}) before they sleep.
 *
 * <p>Why not a fork-join pool: the demo model's products take 10-30 µs, and waking a parked pool
 * thread takes about as long, so a pool made them slower on two threads than on one (measured).
 * A model's forward and backward passes issue their products back to back, so a helper that
 * polls is still awake for the next one, and a product of 1 M multiply-adds gains from the second
 * core as OpenBLAS's own spinning threads do. A helper that finds nothing for {@link #SPIN_NANOS}
 * parks and costs nothing.
 *
 * <p>One set of daemon threads serves the whole JVM (a backend per loaded model must not start
 * threads of its own). One caller uses them at a time; a second caller meanwhile runs all its
 * parts itself, which is correct and merely slower. A helper that has slept for
 * {@link #IDLE_EXIT_NANOS} ends, and the next product starts a new one: in an application server
 * a redeployed application must not leave threads behind that hold its old class loader.
 */
final class HelperThreads {

  /** How long an idle helper polls before it parks. */
  static final long SPIN_NANOS = 100_000;
  /** How long a parked helper waits for work before it ends. */
  static final long IDLE_EXIT_NANOS = 60_000_000_000L;

  private static final HelperThreads SHARED = new HelperThreads(Runtime.getRuntime().availableProcessors() - 1, SPIN_NANOS,
      IDLE_EXIT_NANOS);

  private final Helper[] helpers;
  private final AtomicBoolean busy = new AtomicBoolean();
  private final long spinNanos;
  private final long idleExitNanos;

  HelperThreads(int count, long spinNanos, long idleExitNanos) {
    this.helpers = new Helper[Math.max(0, count)];
    this.spinNanos = spinNanos;
    this.idleExitNanos = idleExitNanos;
  }

  static HelperThreads shared() {
    return SHARED;
  }

  /** The helper threads running now (ended ones are not counted). */
  int running() {
    int n = 0;
    for (Helper helper : helpers) {
      if (helper != null && helper.isAlive()) {
        n++;
      }
    }
    return n;
  }

  /** Threads that can work at once: the caller and the helpers. */
  int threads() {
    return helpers.length + 1;
  }

  /** Part {@code i} of {@code parts} of some work. */
  interface Part {
    void run(int part);
  }

  /**
   * Runs parts {@code 0 .. parts - 1}: the caller takes part 0 and the helpers one each of the
   * rest, or the caller all of them when the helpers are busy with another caller's product or
   * there are fewer helpers than parts. Returns when every part has finished; a part's exception
   * is thrown here.
   */
  void run(int parts, Part work) {
    if (parts < 2 || parts - 1 > helpers.length || !busy.compareAndSet(false, true)) {
      for (int i = 0; i < parts; i++) {
        work.run(i);
      }
      return;
    }
    try {
      for (int i = 1; i < parts; i++) {
        helper(i - 1).give(work, i);
      }
      Throwable failure = null;
      try {
        work.run(0);
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      for (int i = 1; i < parts; i++) {
        Throwable helperFailure = helpers[i - 1].awaitDone();
        if (failure == null) {
          failure = helperFailure;
        }
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
    } finally {
      busy.set(false);
    }
  }

  /** The helper in slot {@code i}, started anew if it has ended; called with {@link #busy} held. */
  private Helper helper(int i) {
    Helper helper = helpers[i];
    if (helper == null || helper.ended) {
      helper = new Helper("atlas-model-helper-" + (i + 1));
      helpers[i] = helper;
      helper.start();
    }
    return helper;
  }

  private final class Helper extends Thread {
    private volatile boolean ended;
    private volatile Part work;
    private volatile int part;
    private volatile Throwable failure;

    Helper(String name) {
      super(null, null, name, 0, false); // inherits no thread-locals of the thread that started it
      setDaemon(true);
      setContextClassLoader(null); // hold no application's class loader
    }

    void give(Part work, int part) {
      this.part = part;
      this.failure = null;
      this.work = work; // the volatile write that publishes the part
      LockSupport.unpark(this);
    }

    /** Waits for the part given last; answers what it threw, if anything. */
    Throwable awaitDone() {
      for (int spins = 0; work != null; spins++) {
        if (spins < 1 << 16) {
          Thread.onSpinWait();
        } else {
          Thread.yield(); // the helper lost its core: do not burn the one it needs
        }
      }
      return failure;
    }

    @Override
    public void run() {
      while (true) {
        Part next = work;
        if (next == null) {
          long idleSince = System.nanoTime();
          while ((next = work) == null && System.nanoTime() - idleSince < spinNanos) {
            Thread.onSpinWait();
          }
          if (next == null) {
            long parkedSince = System.nanoTime();
            LockSupport.parkNanos(this, idleExitNanos);
            if (work == null && System.nanoTime() - parkedSince >= idleExitNanos && endIfIdle()) {
              return;
            }
            continue;
          }
        }
        try {
          next.run(part);
        } catch (Throwable e) {
          failure = e;
        }
        work = null; // the volatile write that publishes the results and frees the helper
      }
    }

    /** Ends this helper unless a caller is handing out parts: holding {@link #busy}, no part can arrive meanwhile. */
    private boolean endIfIdle() {
      if (!busy.compareAndSet(false, true)) {
        return false;
      }
      try {
        if (work != null) {
          return false;
        }
        ended = true;
        return true;
      } finally {
        busy.set(false);
      }
    }
  }
}
