package ai.atlas.core.application.security;

import static ai.atlas.core.application.security.AccessTestSupport.audit;
import static ai.atlas.core.application.security.AccessTestSupport.keySignIn;
import static ai.atlas.core.application.security.AccessTestSupport.keys;
import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApiKeyServiceTest {

  private static final Actor ADMIN = new Actor("root", "10.0.0.1");

  static List<String> databases() {
    return TestDatabase.available();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aNewKeysTokenSignsInWithTheKeysRole(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      CreatedApiKey created = keys(db, k -> k.create("ci pipeline", Role.OPERATOR, ADMIN));

      assertThat(created.token()).startsWith("atlas_" + created.key().keyId() + "_");
      assertThat(keySignIn(db, created.token()))
          .contains(new Caller("key:" + created.key().keyId(), Role.OPERATOR));
      assertThat(audit(db)).containsExactly("apikey.create apikey:" + created.key().keyId() + " by root");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theTokenIsNeverStoredOrListed(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      CreatedApiKey created = keys(db, k -> k.create("agent", Role.VIEWER, ADMIN));
      String secret = created.token().substring(created.token().lastIndexOf('_') + 1);

      String storedRow = db.inTransaction(em -> String.valueOf(List.of((Object[]) em
          .createNativeQuery("SELECT key_id, name, salt, secret_hash FROM api_keys").getSingleResult())));
      assertThat(storedRow).doesNotContain(secret);
      assertThat(keys(db, ApiKeyService::list)).singleElement().satisfies(view -> {
        assertThat(view.toString()).doesNotContain(secret);
        assertThat(view.maskedToken()).isEqualTo("atlas_" + created.key().keyId() + "_****");
      });
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void revokedTamperedAndMalformedTokensAreRefused(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      CreatedApiKey created = keys(db, k -> k.create("agent", Role.VIEWER, ADMIN));
      String token = created.token();
      String tampered = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");

      assertThat(keySignIn(db, tampered)).isEmpty();
      assertThat(keySignIn(db, "atlas_nothex")).isEmpty();
      assertThat(keySignIn(db, null)).isEmpty();

      ApiKeyView revoked = keys(db, k -> k.revoke(created.key().keyId(), ADMIN));
      assertThat(revoked.revoked()).isTrue();
      assertThat(revoked.revokedBy()).isEqualTo("root");
      assertThat(keySignIn(db, token)).isEmpty();
      assertThat(audit(db)).first().isEqualTo("apikey.revoke apikey:" + created.key().keyId() + " by root");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void signingInRecordsWhenTheKeyWasLastUsed(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      CreatedApiKey created = keys(db, k -> k.create("agent", Role.VIEWER, ADMIN));
      assertThat(keys(db, ApiKeyService::list).get(0).lastUsedAt()).isNull();

      keySignIn(db, created.token());

      assertThat(keys(db, ApiKeyService::list).get(0).lastUsedAt()).isEqualTo(AccessTestSupport.CLOCK.instant());
    }
  }
}
