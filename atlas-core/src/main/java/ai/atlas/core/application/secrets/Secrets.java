package ai.atlas.core.application.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where secrets such as model providers' API keys come from: an environment variable, or a file of
 * the secrets folder (one secret per file, as Docker and Kubernetes mount them). Configuration
 * refers to a secret by name ({@code secret:OPENAI_API_KEY}), never by value, so a profile, a
 * session or an export never holds one. {@link #knownValues()} lets the server scrub any secret
 * that turns up in text anyway.
 */
public final class Secrets {

  private static final int MIN_SECRET_LENGTH = 8;

  private final Map<String, String> environment;
  private final Path folder;

  public Secrets(Map<String, String> environment, Path folder) {
    this.environment = Map.copyOf(environment);
    this.folder = folder;
  }

  /** Secrets from this process's environment and the given folder (which may not exist). */
  public static Secrets fromEnvironment(Path folder) {
    return new Secrets(System.getenv(), folder);
  }

  /** A secret by name: the file {@code <folder>/<name>} first, then the environment variable. */
  public Optional<String> get(String name) {
    if (name == null || !name.matches("[A-Za-z0-9_.-]{1,128}")) {
      return Optional.empty();
    }
    if (folder != null) {
      Path file = folder.resolve(name);
      if (Files.isRegularFile(file)) {
        return Optional.of(read(file));
      }
    }
    return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
  }

  /**
   * The values of every secret this server holds: environment variables whose names say they are
   * secret (…API_KEY, …TOKEN, …SECRET, …PASSWORD) and every file of the secrets folder.
   */
  public List<String> knownValues() {
    List<String> values = new ArrayList<>();
    environment.forEach((name, value) -> {
      if (isSecretName(name) && value != null && value.length() >= MIN_SECRET_LENGTH) {
        values.add(value);
      }
    });
    if (folder != null && Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        files.filter(Files::isRegularFile).map(Secrets::read)
            .filter(v -> v.length() >= MIN_SECRET_LENGTH).forEach(values::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list the secrets folder " + folder, e);
      }
    }
    return values;
  }

  static boolean isSecretName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return upper.contains("API_KEY") || upper.contains("APIKEY") || upper.endsWith("TOKEN")
        || upper.contains("SECRET") || upper.contains("PASSWORD");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read secret file " + file, e);
    }
  }
}
