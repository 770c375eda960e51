package ai.atlas.spi;

/**
 * The version of this plugin API. A plugin declares the version it was built against; the server
 * loads it when the major versions match and the plugin's minor version is not newer than this one.
 */
public final class SpiVersion {

  /** The SPI version this server implements, as {@code major.minor}. */
  public static final String CURRENT = "1.2";

  private SpiVersion() {}
}
