package ai.atlas.spi;

/**
 * A plugin could not do what it was asked, with a message for the person who configured it (it
 * names the setting, the status the remote service answered...). {@code retryable} says whether
 * the same call may succeed later (a time-out, a 503).
 */
public class PluginException extends RuntimeException {

  private final boolean retryable;

  public PluginException(String message) {
    this(message, false, null);
  }

  public PluginException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean isRetryable() {
    return retryable;
  }
}
