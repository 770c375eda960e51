package ai.atlas.core.application.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, slow password hashes (PBKDF2 with HMAC-SHA256, from the JDK), stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} so the work factor can grow without
 * invalidating stored hashes.
 */
public final class PasswordHasher {

  /** OWASP's 2023 floor for PBKDF2-HMAC-SHA256 is 600,000; sign-in is rare enough to afford it. */
  static final int ITERATIONS = 600_000;
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;

  public PasswordHasher() {
    this(ITERATIONS);
  }

  /** With a lower work factor, for tests only. */
  PasswordHasher(int iterations) {
    this.iterations = iterations;
  }

  public String hash(char[] password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return PREFIX + "$" + iterations + "$" + b64(salt) + "$" + b64(derive(password, salt, iterations));
  }

  /** Whether the password matches the stored hash; false for a hash in an unknown format. */
  public boolean verify(char[] password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return false;
    }
    int storedIterations;
    try {
      storedIterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    return MessageDigest.isEqual(expected, derive(password, salt, storedIterations));
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is missing from this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }
}
