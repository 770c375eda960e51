package ai.atlas.core.plugins;

import ai.atlas.spi.PluginException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every call into a plugin goes through here: on a worker thread whose context class loader is the
 * plugin's (libraries that look classes up through it find the plugin's own), under a time limit,
 * and with whatever the plugin throws (even an Error such as a missing class) turned into a
 * {@link PluginException} that names the plugin, so a plugin can fail a call but never the server.
 * A call past its limit is interrupted and, if it ignores that, stopped; one that fills the heap is
 * stopped by {@link HeapWatch}.
 */
final class PluginGuard {

  /** How long a timed-out call has to end after its interruption before its thread is stopped. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(1);

  private final String pluginId;
  private final ClassLoader loader;
  private final ExecutorService executor;
  private final Duration timeLimit;

  PluginGuard(String pluginId, ClassLoader loader, ExecutorService executor, Duration timeLimit) {
    this.pluginId = pluginId;
    this.loader = loader;
    this.executor = executor;
    this.timeLimit = timeLimit;
  }

  /** This guard with a shorter time limit ({@code null} or a longer one: this guard): a profile may only tighten the plugin's. */
  PluginGuard within(Duration limit) {
    return limit == null || limit.compareTo(timeLimit) >= 0 ? this : new PluginGuard(pluginId, loader, executor, limit);
  }

  Duration timeLimit() {
    return timeLimit;
  }

  <T> T call(String what, Callable<T> body) {
    AtomicReference<RunningCall> running = new AtomicReference<>();
    Future<T> future = executor.submit(() -> {
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loader);
      RunningCall call = RunningCall.begin(pluginId, what);
      running.set(call);
      try {
        return body.call();
      } catch (@SuppressWarnings("removal") ThreadDeath stopped) {
        call.stopArrived();
        throw stopped;
      } finally {
        thread.setContextClassLoader(previous);
        call.end(); // last: a stop on its way is taken in here, with the worker thread already restored
      }
    });
    try {
      return future.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      String reason = "plugin '" + pluginId + "' did not finish " + what + " within " + timeLimit.toSeconds() + " s";
      RunningCall call = running.get();
      if (call != null) {
        // Interrupted above; a call that ignores it is stopped, so a hung plugin cannot keep its thread.
        call.stopUnlessItEndsWithin(STOP_GRACE, reason);
      }
      throw new PluginException(reason, true, null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      RunningCall call = running.get();
      if (call != null && call.stoppedBecause() != null) {
        throw new PluginException("plugin '" + pluginId + "' was stopped in " + what + ": " + call.stoppedBecause(), false, cause);
      }
      if (cause instanceof PluginException plugin) {
        throw new PluginException("plugin '" + pluginId + "': " + plugin.getMessage(), plugin.isRetryable(), plugin);
      }
      throw new PluginException("plugin '" + pluginId + "' failed in " + what + ": " + describe(cause), false, cause);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new PluginException("interrupted while plugin '" + pluginId + "' ran " + what, true, e);
    }
  }

  /** The exception and, when it wraps another, the innermost cause: usually the one that says why. */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.toString() : e + ", caused by " + root;
  }
}
