package ai.atlas.core.application.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(1_000);

  @Test
  void aHashVerifiesItsPasswordAndNoOther() {
    String hash = hasher.hash("correct horse battery".toCharArray());

    assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain("correct horse");
    assertThat(hasher.verify("correct horse battery".toCharArray(), hash)).isTrue();
    assertThat(hasher.verify("correct horse battery!".toCharArray(), hash)).isFalse();
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertThat(hasher.hash("same password 1".toCharArray())).isNotEqualTo(hasher.hash("same password 1".toCharArray()));
  }

  @Test
  void hashesKeepTheirOwnWorkFactor() {
    String strong = new PasswordHasher(5_000).hash("a long password".toCharArray());
    assertThat(hasher.verify("a long password".toCharArray(), strong)).isTrue();
  }

  @Test
  void malformedStoredHashesNeverVerify() {
    assertThat(hasher.verify("x".toCharArray(), "plain text")).isFalse();
    assertThat(hasher.verify("x".toCharArray(), "pbkdf2-sha256$many$AAAA$AAAA")).isFalse();
  }

  @Test
  void theDefaultWorkFactorMeetsOwaspsFloor() {
    assertThat(PasswordHasher.ITERATIONS).isGreaterThanOrEqualTo(600_000);
  }
}
