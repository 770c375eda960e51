package ai.atlas.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Where the command finds its server and credentials: flags first, then the environment
 * ({@code ATLAS_SERVER}, {@code ATLAS_USER}, {@code ATLAS_PASSWORD}, {@code ATLAS_TOKEN}), then the
 * configuration file ({@code ATLAS_CONFIG}, default {@code ~/.config/atlas/cli.properties}, which
 * {@code atlas env init} writes readable by its owner only).
 */
public record CliConfig(String server, String user, String password, String token) {

  public static Path defaultFile(UnaryOperator<String> environment) {
    String configured = environment.apply("ATLAS_CONFIG");
    return configured != null && !configured.isBlank() ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".config", "atlas", "cli.properties");
  }

  /** The configuration from the flags (null where not given), the environment's variables and the file. */
  public static CliConfig resolve(Path file, String server, String user, String password, String token,
      UnaryOperator<String> environment) {
    Properties saved = new Properties();
    if (file != null && Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        saved.load(in);
      } catch (IOException e) {
        throw new CliFailure(ExitCodes.USAGE, "cannot read the configuration file " + file + ": " + e.getMessage());
      }
    }
    return new CliConfig(first(server, environment.apply("ATLAS_SERVER"), saved.getProperty("server")),
        first(user, environment.apply("ATLAS_USER"), saved.getProperty("user")),
        first(password, environment.apply("ATLAS_PASSWORD"), saved.getProperty("password")),
        first(token, environment.apply("ATLAS_TOKEN"), saved.getProperty("token")));
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /** Writes the file (replacing it), readable and writable by its owner only where the file system allows. */
  public void save(Path file) {
    Properties out = new Properties();
    if (server != null) {
      out.setProperty("server", server);
    }
    if (user != null) {
      out.setProperty("user", user);
    }
    if (password != null) {
      out.setProperty("password", password);
    }
    if (token != null) {
      out.setProperty("token", token);
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (OutputStream stream = Files.newOutputStream(file)) {
        out.store(stream, "atlas command configuration");
      }
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: its own permissions apply
      }
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.FAILED, "cannot write the configuration file " + file + ": " + e.getMessage());
    }
  }
}
