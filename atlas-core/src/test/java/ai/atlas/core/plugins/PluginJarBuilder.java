package ai.atlas.core.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds real plugin JARs for tests: Java sources compiled against the SPI, plus resource files. */
final class PluginJarBuilder {

  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, String> resources = new LinkedHashMap<>();

  static PluginJarBuilder plugin() {
    return new PluginJarBuilder();
  }

  /** A source file, by its fully qualified class name. */
  PluginJarBuilder source(String className, String code) {
    sources.put(className, code);
    return this;
  }

  PluginJarBuilder resource(String path, String content) {
    resources.put(path, content);
    return this;
  }

  PluginJarBuilder descriptor(String id, String spiVersion, String provides) {
    return resource(PluginDescriptor.LOCATION, "id=" + id + "\nversion=1.0.0\nspi-version=" + spiVersion + "\nprovides=" + provides + "\n");
  }

  PluginJarBuilder service(Class<?> factoryType, String implementation) {
    return resource("META-INF/services/" + factoryType.getName(), implementation + "\n");
  }

  Path writeTo(Path jar) throws IOException {
    Path work = Files.createTempDirectory("plugin-src");
    Path classes = Files.createDirectories(work.resolve("classes"));
    if (!sources.isEmpty()) {
      List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "--release", "17"));
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        args.add(file.toString());
      }
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      int status = compiler.run(null, null, null, args.toArray(String[]::new));
      if (status != 0) {
        throw new IllegalStateException("test plugin sources did not compile");
      }
    }
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      try (Stream<Path> compiled = Files.walk(classes)) {
        for (Path c : compiled.filter(Files::isRegularFile).toList()) {
          out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
          out.write(Files.readAllBytes(c));
          out.closeEntry();
        }
      }
      for (Map.Entry<String, String> resource : resources.entrySet()) {
        out.putNextEntry(new JarEntry(resource.getKey()));
        out.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }
}
