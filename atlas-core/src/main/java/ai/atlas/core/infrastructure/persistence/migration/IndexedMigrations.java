package ai.atlas.core.infrastructure.persistence.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The SQL migrations named in {@code db/migration/index.txt}, read from the class path.
 *
 * <p>Flyway's own class-path scanning cannot list the entries of a JAR nested in an EAR as
 * Liberty exposes it, so the migrations are listed instead of discovered. A unit test checks that
 * the index names exactly the files in the folder.
 */
final class IndexedMigrations implements ResourceProvider {

  static final String FOLDER = "db/migration/";

  private final ClassLoader loader;
  private final List<String> names;

  IndexedMigrations(ClassLoader loader) {
    this.loader = loader;
    this.names = readIndex(loader);
  }

  /** The file names listed in the index, in order. */
  List<String> names() {
    return names;
  }

  @Override
  public LoadableResource getResource(String name) {
    return names.contains(name) ? new ClasspathSql(name) : null;
  }

  @Override
  public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
    return names.stream()
        .filter(n -> n.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(n::endsWith))
        .<LoadableResource>map(ClasspathSql::new)
        .toList();
  }

  private static List<String> readIndex(ClassLoader loader) {
    InputStream in = loader.getResourceAsStream(FOLDER + "index.txt");
    if (in == null) {
      throw new IllegalStateException("missing " + FOLDER + "index.txt on the class path");
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the migration index", e);
    }
  }

  private final class ClasspathSql extends LoadableResource {
    private final String name;

    ClasspathSql(String name) {
      this.name = name;
    }

    @Override
    public Reader read() {
      InputStream in = loader.getResourceAsStream(FOLDER + name);
      Objects.requireNonNull(in, () -> "migration listed in the index but missing: " + name);
      return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    @Override
    public String getAbsolutePath() {
      return FOLDER + name;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return FOLDER + name;
    }

    @Override
    public String getFilename() {
      return name;
    }

    @Override
    public String getRelativePath() {
      return name;
    }
  }
}
