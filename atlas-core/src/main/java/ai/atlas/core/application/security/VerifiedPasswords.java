package ai.atlas.core.application.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which (stored hash, password) pairs already verified, so a client that sends Basic
 * credentials on every request pays the slow PBKDF2 once and not per request. Entries are keyed by
 * the stored hash and a salted digest of the password (never the password itself); a changed
 * password changes the stored hash, so stale entries can never match.
 */
final class VerifiedPasswords {

  private static final int MAX_ENTRIES = 10_000;
  private final String pepper = SecretTokens.randomHex(16);
  private final Map<String, Boolean> verified = new ConcurrentHashMap<>();

  boolean contains(String storedHash, char[] password) {
    return verified.containsKey(key(storedHash, password));
  }

  void add(String storedHash, char[] password) {
    if (verified.size() >= MAX_ENTRIES) {
      verified.clear();
    }
    verified.put(key(storedHash, password), Boolean.TRUE);
  }

  private String key(String storedHash, char[] password) {
    return storedHash + "|" + SecretTokens.saltedSha256(pepper, new String(password));
  }
}
