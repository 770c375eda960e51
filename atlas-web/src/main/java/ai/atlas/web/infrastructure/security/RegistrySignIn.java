package ai.atlas.web.infrastructure.security;

import ai.atlas.core.application.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in against the server's user registry (an {@code ldapRegistry} or {@code basicRegistry}
 * in a configuration include) for people who are not ATLAS users; their groups give the role
 * ({@link GroupRoles}).
 */
@ApplicationScoped
public class RegistrySignIn {

  private static final Logger LOG = Logger.getLogger(RegistrySignIn.class.getName());

  @Inject
  @ConfigProperty(name = "atlas.registry.enabled", defaultValue = "true")
  boolean enabled;

  @Inject GroupRoles groupRoles;

  public Optional<Caller> authenticate(String username, char[] password) {
    if (!enabled) {
      return Optional.empty();
    }
    try {
      // Liberty's registry API (com.ibm.websphere.security.UserRegistry, an IBM API every
      // application sees), reached by reflection so the build needs no Liberty jar. Jakarta
      // Security's IdentityStoreHandler does not fall back to it for a custom mechanism.
      Class<?> helper = Class.forName("com.ibm.wsspi.security.registry.RegistryHelper");
      Class<?> registryType = Class.forName("com.ibm.websphere.security.UserRegistry");
      Object registry = helper.getMethod("getUserRegistry", String.class).invoke(null, (String) null);
      if (registry == null) {
        return Optional.empty();
      }
      String securityName = (String) registryType.getMethod("checkPassword", String.class, String.class)
          .invoke(registry, username, new String(password));
      @SuppressWarnings("unchecked")
      List<String> groups = (List<String>) registryType.getMethod("getGroupsForUser", String.class).invoke(registry, securityName);
      LOG.fine(() -> "user registry sign-in of " + username + " with groups " + groups);
      return groupRoles.roleOf(groups).map(role -> new Caller(username, role));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A wrong password (PasswordCheckFailedException), no registry configured, or an
      // unreachable LDAP server: the caller is not signed in; the request is not failed with 500.
      LOG.log(Level.FINE, "user registry sign-in of " + username + " failed", e);
      return Optional.empty();
    }
  }
}
