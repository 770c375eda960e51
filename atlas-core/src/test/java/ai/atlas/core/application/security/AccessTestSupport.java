package ai.atlas.core.application.security;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.domain.audit.AuditEntry;
import ai.atlas.core.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Services of this package over one test database, each call in its own transaction. */
final class AccessTestSupport {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  private static final PasswordHasher FAST = new PasswordHasher(1_000);

  private AccessTestSupport() {}

  static <T> T users(TestDatabase db, Function<UserService, T> work) {
    return db.inTransaction(em -> work.apply(new UserService(em, new AuditLog(em, CLOCK), FAST, CLOCK)));
  }

  static <T> T keys(TestDatabase db, Function<ApiKeyService, T> work) {
    return db.inTransaction(em -> work.apply(new ApiKeyService(em, new AuditLog(em, CLOCK), CLOCK)));
  }

  static Optional<Caller> signIn(TestDatabase db, String username, String password) {
    return users(db, u -> u.authenticate(username, password.toCharArray()));
  }

  static Optional<Caller> keySignIn(TestDatabase db, String token) {
    return keys(db, k -> k.authenticate(token));
  }

  static List<String> audit(TestDatabase db) {
    return db.inTransaction((EntityManager em) -> new AuditLog(em, CLOCK)
        .list(null, 0, 100, (AuditEntry e) -> e.getAction() + " " + e.getTarget().orElse("") + " by " + e.getActor())
        .items());
  }
}
