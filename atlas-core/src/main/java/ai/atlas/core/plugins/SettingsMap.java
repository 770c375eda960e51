package ai.atlas.core.plugins;

import ai.atlas.core.application.secrets.Secrets;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.PluginSettings;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Settings from a map, secrets from the server's {@link Secrets}, models from the caller. */
public record SettingsMap(Map<String, String> values, Secrets secrets, Function<String, Optional<ChatModel>> models)
    implements PluginSettings {

  public SettingsMap {
    values = Map.copyOf(values);
  }

  public static SettingsMap of(Map<String, String> values, Secrets secrets) {
    return new SettingsMap(values, secrets, name -> Optional.empty());
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
  }

  @Override
  public Optional<String> secret(String name) {
    return secrets.get(name);
  }

  @Override
  public Optional<ChatModel> chatModel(String name) {
    return models.apply(name);
  }

  /** Never the values: they may name secrets' places, and one day hold something they should not. */
  @Override
  public String toString() {
    return "SettingsMap" + values.keySet();
  }
}
