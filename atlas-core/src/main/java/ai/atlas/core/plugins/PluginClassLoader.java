package ai.atlas.core.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Enumeration;

/**
 * The class loader of one plugin JAR. It sees the JDK (through the platform class loader), the
 * plugin API ({@code ai.atlas.spi.*}, from the server) and its own JAR, nothing else: a plugin that
 * bundles another version of a library the server uses gets its own version, and the server's
 * libraries never leak into it.
 */
final class PluginClassLoader extends URLClassLoader {

  private static final String SPI_PACKAGE = "ai.atlas.spi.";

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader spiLoader;

  PluginClassLoader(String pluginName, Path jar, ClassLoader spiLoader) throws IOException {
    super("plugin:" + pluginName, new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    this.spiLoader = spiLoader;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(SPI_PACKAGE)) {
      return spiLoader.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }

  /** Resources of the plugin's own JAR only: the platform loader has none that matter. */
  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return findResources(name);
  }

  @Override
  public URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : super.getResource(name);
  }
}
