package ai.atlas.core.plugins;

/** Why a plugin JAR could not be loaded; reported for that plugin alone. */
public class PluginLoadException extends RuntimeException {

  public PluginLoadException(String message) {
    super(message);
  }

  public PluginLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
