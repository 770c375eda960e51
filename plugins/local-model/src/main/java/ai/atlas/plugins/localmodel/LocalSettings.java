package ai.atlas.plugins.localmodel;

import ai.atlas.model.ModelException;
import ai.atlas.model.generate.SamplingOptions;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * The settings of both components: {@code path} (the checkpoint folder, relative paths from the
 * server's folder), {@code temperature} (default 0: greedy), {@code top-p}, {@code top-k},
 * {@code seed}, {@code max-tokens} (default 256).
 */
final class LocalSettings {

  private LocalSettings() {}

  static LoadedModel model(PluginSettings settings) {
    return LoadedModel.of(Path.of(settings.require("path")));
  }

  static SamplingOptions sampling(PluginSettings settings) {
    try {
      return new SamplingOptions(settings.getDouble("temperature", 0), settings.getDouble("top-p", 1),
          (int) settings.getLong("top-k", 0), settings.getLong("seed", 0), (int) settings.getLong("max-tokens", 256), List.of());
    } catch (ModelException e) {
      throw new PluginException(e.getMessage());
    }
  }
}
