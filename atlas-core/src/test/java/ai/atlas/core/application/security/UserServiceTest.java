package ai.atlas.core.application.security;

import static ai.atlas.core.application.security.AccessTestSupport.audit;
import static ai.atlas.core.application.security.AccessTestSupport.signIn;
import static ai.atlas.core.application.security.AccessTestSupport.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UserServiceTest {

  private static final Actor ADMIN = new Actor("root", "10.0.0.1");

  static List<String> databases() {
    return TestDatabase.available();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void withoutAConfiguredPasswordTheFirstAdminGetsAGeneratedOneExactlyOnce(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      Optional<String> generated = users(db, u -> u.ensureAdministrator("admin", Optional.empty()));
      Optional<String> again = users(db, u -> u.ensureAdministrator("admin", Optional.empty()));

      assertThat(generated).get().asString().hasSizeGreaterThanOrEqualTo(UserService.MIN_PASSWORD_LENGTH);
      assertThat(again).isEmpty();
      assertThat(signIn(db, "admin", generated.get()))
          .contains(new Caller("admin", Role.ADMIN));
      assertThat(audit(db)).containsExactly("user.create user:admin by system");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aConfiguredAdminPasswordIsEnforcedAtEveryStart(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      users(db, u -> u.ensureAdministrator("admin", Optional.of("first-password-123")));
      users(db, u -> u.update("admin", Role.VIEWER, null, false, ADMIN));

      // Restarting with a new password recovers the account: enabled admin with that password.
      users(db, u -> u.ensureAdministrator("admin", Optional.of("second-password-456")));

      assertThat(signIn(db, "admin", "first-password-123")).isEmpty();
      assertThat(signIn(db, "admin", "second-password-456"))
          .contains(new Caller("admin", Role.ADMIN));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void wrongPasswordsUnknownAndDisabledUsersDoNotSignIn(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      users(db, u -> u.create("ann", "ann-password-1", Role.REVIEWER, ADMIN));

      assertThat(signIn(db, "ann", "ann-password-1"))
          .contains(new Caller("ann", Role.REVIEWER));
      assertThat(signIn(db, "ann", "ann-password-2")).isEmpty();
      assertThat(signIn(db, "bob", "ann-password-1")).isEmpty();

      users(db, u -> u.update("ann", null, null, false, ADMIN));
      assertThat(signIn(db, "ann", "ann-password-1")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void passwordsAreStoredOnlyAsSaltedHashes(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      users(db, u -> u.create("carl", "carl-password-1", Role.VIEWER, ADMIN));

      String stored = db.inTransaction(em -> (String) em
          .createNativeQuery("SELECT password_hash FROM users WHERE username = 'carl'").getSingleResult());
      assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain("carl-password-1");
      assertThat(users(db, UserService::list)).extracting(UserView::username, UserView::role)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("carl", "viewer"));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void changesAreValidatedAndAudited(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      users(db, u -> u.create("dana", "dana-password-1", Role.VIEWER, ADMIN));
      users(db, u -> u.update("dana", Role.OPERATOR, "dana-password-2", null, ADMIN));

      assertThat(signIn(db, "dana", "dana-password-2"))
          .contains(new Caller("dana", Role.OPERATOR));
      assertThat(audit(db)).containsExactly(
          "user.update user:dana by root", "user.create user:dana by root");

      assertThatThrownBy(() -> users(db, u -> u.create("dana", "another-password", Role.VIEWER, ADMIN)))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("already exists");
      assertThatThrownBy(() -> users(db, u -> u.create("eve", "short", Role.VIEWER, ADMIN)))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("'password' must be 12");
      assertThatThrownBy(() -> users(db, u -> u.create("bad name", "long-enough-pw", Role.VIEWER, ADMIN)))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("'username'");
      assertThatThrownBy(() -> users(db, u -> u.update("nobody", Role.ADMIN, null, null, ADMIN)))
          .isInstanceOf(NotFoundException.class);
    }
  }
}
