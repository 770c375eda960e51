package ai.atlas.core.plugins;

import ai.atlas.spi.PluginException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every call into a plugin goes through here: on a worker thread whose context class loader is the
 * plugin's (libraries that look classes up through it find the plugin's own), under a time limit,
 * and with whatever the plugin throws (even an Error such as a missing class) turned into a
 * {@link PluginException} that names the plugin, so a plugin can fail a call but never the server.
 */
final class PluginGuard {

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

  <T> T call(String what, Callable<T> body) {
    Future<T> future = executor.submit(() -> {
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loader);
      try {
        return body.call();
      } finally {
        thread.setContextClassLoader(previous);
      }
    });
    try {
      return future.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new PluginException("plugin '" + pluginId + "' did not finish " + what + " within " + timeLimit.toSeconds() + " s", true, null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
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
