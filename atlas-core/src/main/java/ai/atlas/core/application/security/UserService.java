package ai.atlas.core.application.security;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.domain.audit.AuditAction;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.domain.security.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** People who sign in: checking their passwords, managing them, and the first administrator. */
@ApplicationScoped
@Transactional
public class UserService {

  public static final int MIN_PASSWORD_LENGTH = 12;
  private static final int MAX_PASSWORD_LENGTH = 200;
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  private AuditLog audit;
  private PasswordHasher hasher;
  private Clock clock;
  private final VerifiedPasswords verified = new VerifiedPasswords();

  protected UserService() {}

  @Inject
  public UserService(AuditLog audit) {
    this.audit = audit;
    this.hasher = new PasswordHasher();
    this.clock = Clock.systemUTC();
  }

  /** For use outside the container, with an entity manager whose transactions the caller runs. */
  public UserService(EntityManager em, AuditLog audit, PasswordHasher hasher, Clock clock) {
    this.em = em;
    this.audit = audit;
    this.hasher = hasher;
    this.clock = clock;
  }

  /** The caller these credentials sign in, if the user exists, is enabled and the password matches. */
  public Optional<Caller> authenticate(String username, char[] password) {
    Optional<UserAccount> user = find(username).filter(UserAccount::isEnabled);
    if (user.isEmpty()) {
      return Optional.empty();
    }
    String stored = user.get().getPasswordHash();
    if (!verified.contains(stored, password)) {
      if (!hasher.verify(password, stored)) {
        return Optional.empty();
      }
      verified.add(stored, password);
    }
    return Optional.of(new Caller(user.get().getUsername(), user.get().getRole()));
  }

  /** Whether ATLAS has a user of this name (enabled or not): such a name never falls through to another registry. */
  public boolean exists(String username) {
    return find(username).isPresent();
  }

  public List<UserView> list() {
    return em.createQuery("SELECT u FROM UserAccount u ORDER BY u.username", UserAccount.class)
        .getResultList().stream().map(UserView::of).toList();
  }

  public UserView create(String username, String password, Role role, Actor actor) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new InvalidInputException(
          "'username' must be 1 to 100 letters, digits or . _ @ -, not '" + username + "'");
    }
    if (find(username).isPresent()) {
      throw new InvalidInputException("a user named '" + username + "' already exists");
    }
    UserAccount user = new UserAccount(username, hasher.hash(checkedPassword(password)), role, clock.instant());
    em.persist(user);
    audit.record(actor, AuditAction.USER_CREATE, "user:" + username, "role=" + role.wireName());
    return UserView.of(user);
  }

  /** Changes a user's role, password or enabled flag; what is null stays as it is. */
  public UserView update(String username, Role role, String password, Boolean enabled, Actor actor) {
    UserAccount user = find(username).orElseThrow(() -> new NotFoundException("no user named '" + username + "'"));
    StringBuilder changed = new StringBuilder();
    if (role != null && role != user.getRole()) {
      user.changeRole(role, clock.instant());
      changed.append("role=").append(role.wireName()).append(' ');
    }
    if (password != null) {
      user.changePassword(hasher.hash(checkedPassword(password)), clock.instant());
      changed.append("password changed ");
    }
    if (enabled != null && enabled != user.isEnabled()) {
      user.setEnabled(enabled, clock.instant());
      changed.append("enabled=").append(enabled).append(' ');
    }
    if (!changed.isEmpty()) {
      audit.record(actor, AuditAction.USER_UPDATE, "user:" + username, changed.toString().trim());
    }
    return UserView.of(user);
  }

  /**
   * Makes sure an administrator can sign in. With a configured password, the named user becomes an
   * enabled admin with that password (so a lost password is recovered by restarting with a new
   * one). Without one, and only while no enabled admin exists, a random password is generated and
   * returned: the one time it is ever shown.
   */
  public Optional<String> ensureAdministrator(String username, Optional<String> configuredPassword) {
    Optional<UserAccount> existing = find(username);
    if (configuredPassword.isPresent()) {
      char[] password = checkedPassword(configuredPassword.get());
      if (existing.isEmpty()) {
        create(username, configuredPassword.get(), Role.ADMIN, Actor.SYSTEM);
      } else {
        UserAccount user = existing.get();
        boolean samePassword = hasher.verify(password, user.getPasswordHash());
        if (!samePassword || user.getRole() != Role.ADMIN || !user.isEnabled()) {
          update(username, Role.ADMIN, samePassword ? null : configuredPassword.get(), true, Actor.SYSTEM);
        }
      }
      return Optional.empty();
    }
    long admins = em.createQuery(
            "SELECT COUNT(u) FROM UserAccount u WHERE u.role = :role AND u.enabled = TRUE", Long.class)
        .setParameter("role", Role.ADMIN)
        .getSingleResult();
    if (admins > 0) {
      return Optional.empty();
    }
    String generated = SecretTokens.randomPassword(24);
    if (existing.isEmpty()) {
      create(username, generated, Role.ADMIN, Actor.SYSTEM);
    } else {
      update(username, Role.ADMIN, generated, true, Actor.SYSTEM);
    }
    return Optional.of(generated);
  }

  private Optional<UserAccount> find(String username) {
    if (username == null) {
      return Optional.empty();
    }
    return em.createQuery("SELECT u FROM UserAccount u WHERE u.username = :name", UserAccount.class)
        .setParameter("name", username)
        .getResultStream()
        .findFirst();
  }

  private static char[] checkedPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
      throw new InvalidInputException(
          "'password' must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters long");
    }
    return password.toCharArray();
  }
}
