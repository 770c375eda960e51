package ai.atlas.core.plugins;

import java.util.List;

/**
 * One plugin JAR as the server sees it: what it is and provides, whether it loaded, and if not why.
 *
 * @param id the descriptor's id, or null when the descriptor could not be read
 * @param state "loaded" or "failed"
 * @param error why it failed, for the person who installed it; null when loaded
 */
public record PluginStatus(
    String jar, String id, String version, String spiVersion, List<String> provides, String sha256, String state, String error) {

  public static final String LOADED = "loaded";
  public static final String FAILED = "failed";

  public boolean loaded() {
    return LOADED.equals(state);
  }
}
