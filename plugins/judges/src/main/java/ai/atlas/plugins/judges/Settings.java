package ai.atlas.plugins.judges;

import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;

/** Yes/no settings. */
final class Settings {

  private Settings() {}

  static boolean flag(PluginSettings settings, String key, boolean defaultValue) {
    return settings.get(key).map(v -> switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new PluginException("the setting '" + key + "' must be true or false, not '" + v + "'");
    }).orElse(defaultValue);
  }
}
