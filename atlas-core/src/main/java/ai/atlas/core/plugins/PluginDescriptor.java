package ai.atlas.core.plugins;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A plugin's {@code META-INF/atlas-plugin.properties}: its id, version, the SPI version it was
 * built for, the components it provides ({@code kind:type}) and, optionally, how long one of its
 * calls may take ({@code call-timeout-seconds}; it can only shorten the server's limit, so an author
 * whose calls are quick has a hung call failed early, while an operator's limit always holds).
 */
public record PluginDescriptor(String id, String version, String spiVersion, List<Component> provides,
    Optional<Duration> callTimeLimit) {

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
    return new PluginDescriptor(id, version, spiVersion, List.copyOf(provides), callTimeLimit(properties));
  }

  /** The time limit of one call that applies: the descriptor's, where it is shorter than the server's. */
  public Duration callTimeLimitWithin(Duration serverLimit) {
    return callTimeLimit.filter(limit -> limit.compareTo(serverLimit) < 0).orElse(serverLimit);
  }

  private static Optional<Duration> callTimeLimit(Properties properties) {
    String value = properties.getProperty("call-timeout-seconds");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(value.trim());
      if (seconds >= 1 && seconds <= 86_400) {
        return Optional.of(Duration.ofSeconds(seconds));
      }
    } catch (NumberFormatException e) {
      // refused below with the same message as an out-of-range value
    }
    throw new PluginLoadException("the descriptor's call-timeout-seconds must be a whole number from 1 to 86400, not '" + value.trim() + "'");
  }

  private static String required(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new PluginLoadException("the descriptor " + LOCATION + " has no '" + key + "'");
    }
    return value.trim();
  }
}
