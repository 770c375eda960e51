package ai.atlas.web.infrastructure.security;

import ai.atlas.core.application.security.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first administrator. There is no default password: {@code ATLAS_ADMIN_PASSWORD} sets one
 * (and resets it at every start, which is how a lost password is recovered); without it, and
 * while no administrator exists, a random password is generated and written once to a file only
 * this user can read, whose path the log gives.
 */
@ApplicationScoped
public class AdministratorBootstrap {

  private static final Logger LOG = Logger.getLogger(AdministratorBootstrap.class.getName());

  @Inject UserService users;

  @Inject
  @ConfigProperty(name = "atlas.admin.user", defaultValue = "admin")
  String username;

  @Inject
  @ConfigProperty(name = "atlas.admin.password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "atlas.admin.password-file", defaultValue = "initial-admin-password")
  String passwordFile;

  public void run() {
    Optional<String> generated = users.ensureAdministrator(username, password.filter(p -> !p.isBlank()));
    if (generated.isPresent()) {
      Path file = Path.of(passwordFile).toAbsolutePath();
      write(file, generated.get());
      LOG.warning("ATLAS created the administrator '" + username + "' with a generated password, written once to "
          + file + " (readable only by this user). Sign in, set your own password with PUT /api/users/"
          + username + ", then delete the file. Set ATLAS_ADMIN_PASSWORD to choose it instead.");
    } else if (password.isPresent()) {
      LOG.info("ATLAS administrator '" + username + "' set from ATLAS_ADMIN_PASSWORD");
    }
  }

  private static void write(Path file, String secret) {
    try {
      Files.deleteIfExists(file);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file); // not a POSIX file system
      }
      Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the generated administrator password to " + file, e);
    }
  }
}
