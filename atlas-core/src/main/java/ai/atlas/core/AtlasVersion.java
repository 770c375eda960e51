package ai.atlas.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this ATLAS build, as stamped into the core JAR by the build. */
public final class AtlasVersion {

  private static final String VERSION = load();

  private AtlasVersion() {}

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = AtlasVersion.class.getResourceAsStream("/atlas-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read atlas-version.properties", e);
    }
  }
}
