package ai.atlas.core.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A plugin's {@code META-INF/atlas-plugin.properties}: its id, version, the SPI version it was
 * built for, and the components it provides ({@code kind:type}).
 */
public record PluginDescriptor(String id, String version, String spiVersion, List<Component> provides) {

  public static final String LOCATION = "META-INF/atlas-plugin.properties";

  /** A component a plugin provides: its kind and the type name profiles use. */
  public record Component(ComponentKind kind, String type) {

    @Override
    public String toString() {
      return kind.wireName() + ":" + type;
    }
  }

  /** Reads a descriptor, refusing a missing or malformed field with a message that names it. */
  public static PluginDescriptor parse(Properties properties) {
    String id = required(properties, "id");
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,99}")) {
      throw new PluginLoadException("the descriptor's id '" + id + "' must be letters, digits, '.' and '-'");
    }
    String version = required(properties, "version");
    String spiVersion = required(properties, "spi-version");
    List<Component> provides = new ArrayList<>();
    for (String entry : required(properties, "provides").split(",")) {
      String trimmed = entry.trim();
      int colon = trimmed.indexOf(':');
      if (colon <= 0 || colon == trimmed.length() - 1) {
        throw new PluginLoadException("the descriptor's provides entry '" + trimmed + "' must be kind:type, e.g. judge:exact");
      }
      ComponentKind kind = ComponentKind.fromWire(trimmed.substring(0, colon)).orElseThrow(() -> new PluginLoadException(
          "the descriptor's provides entry '" + trimmed + "' has an unknown kind; known: " + ComponentKind.wireNames()));
      provides.add(new Component(kind, trimmed.substring(colon + 1)));
    }
    return new PluginDescriptor(id, version, spiVersion, List.copyOf(provides));
  }

  private static String required(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new PluginLoadException("the descriptor " + LOCATION + " has no '" + key + "'");
    }
    return value.trim();
  }
}
