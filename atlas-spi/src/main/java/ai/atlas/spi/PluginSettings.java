package ai.atlas.spi;

import java.util.Optional;

/**
 * The settings a profile gives one instance of a plugin's component (a model's base URL, a judge's
 * tolerance...), and what the server lends it.
 */
public interface PluginSettings {

  /** A setting, if given. */
  Optional<String> get(String key);

  /** A setting that must be given; a {@link PluginException} that names it otherwise. */
  default String require(String key) {
    return get(key).orElseThrow(() -> new PluginException("the setting '" + key + "' is required"));
  }

  /** A whole-number setting, or the default; a {@link PluginException} for a value that is not one. */
  default long getLong(String key, long defaultValue) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.get().trim());
    } catch (NumberFormatException e) {
      throw new PluginException("the setting '" + key + "' must be a whole number, not '" + value.get() + "'");
    }
  }

  /** A number setting, or the default; a {@link PluginException} for a value that is not one. */
  default double getDouble(String key, double defaultValue) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(value.get().trim());
    } catch (NumberFormatException e) {
      throw new PluginException("the setting '" + key + "' must be a number, not '" + value.get() + "'");
    }
  }

  /**
   * A secret (an API key) by name, from the server's environment or secret files. Never log it,
   * never put it into answers.
   */
  Optional<String> secret(String name);

  /** A chat model the server already has, by its name in the profile (for judges that use a model). */
  Optional<ChatModel> chatModel(String name);
}
