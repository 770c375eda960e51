package ai.atlas.core.application.security;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.domain.audit.AuditAction;
import ai.atlas.core.domain.security.ApiKey;
import ai.atlas.core.domain.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** API keys for machine clients: created and revoked by an admin, shown once, stored hashed. */
@ApplicationScoped
@Transactional
public class ApiKeyService {

  public static final String TOKEN_PREFIX = "atlas_";
  private static final Pattern TOKEN = Pattern.compile("atlas_([0-9a-f]{16})_([0-9a-f]{64})");
  /** How stale "last used" may get: recording it on every request would write on every read. */
  private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  private AuditLog audit;
  private Clock clock;

  protected ApiKeyService() {}

  @Inject
  public ApiKeyService(AuditLog audit) {
    this(null, audit, Clock.systemUTC());
  }

  /** For use outside the container, with an entity manager whose transactions the caller runs. */
  public ApiKeyService(EntityManager em, AuditLog audit, Clock clock) {
    this.em = em;
    this.audit = audit;
    this.clock = clock;
  }

  public CreatedApiKey create(String name, Role role, Actor actor) {
    return create(name, role, KeyLimits.DEFAULTS, actor);
  }

  /** Creates a key with limits of its own. */
  public CreatedApiKey create(String name, Role role, KeyLimits limits, Actor actor) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new InvalidInputException("'name' must be 1 to 200 characters long");
    }
    String keyId = SecretTokens.randomHex(8);
    String secret = SecretTokens.randomHex(32);
    String salt = SecretTokens.randomHex(16);
    ApiKey key = new ApiKey(keyId, name.trim(), role, salt, SecretTokens.saltedSha256(salt, secret), actor.name(), clock.instant());
    key.setLimits(limits.sessionsPerMinute(), limits.maxQueued());
    em.persist(key);
    audit.record(actor, AuditAction.API_KEY_CREATE, "apikey:" + keyId, "name=" + key.getName() + " role=" + role.wireName()
        + (limits.equals(KeyLimits.DEFAULTS) ? "" : " " + limits));
    return new CreatedApiKey(ApiKeyView.of(key), TOKEN_PREFIX + keyId + "_" + secret);
  }

  public List<ApiKeyView> list() {
    return em.createQuery("SELECT k FROM ApiKey k ORDER BY k.id", ApiKey.class)
        .getResultList().stream().map(ApiKeyView::of).toList();
  }

  public ApiKeyView revoke(String keyId, Actor actor) {
    ApiKey key = find(keyId).orElseThrow(() -> new NotFoundException("no API key with id '" + keyId + "'"));
    if (!key.isRevoked()) {
      key.revoke(actor.name(), clock.instant());
      audit.record(actor, AuditAction.API_KEY_REVOKE, "apikey:" + keyId, "name=" + key.getName());
    }
    return ApiKeyView.of(key);
  }

  /** Sets a key's limits (null fields: the server's defaults); audited. */
  public ApiKeyView setLimits(String keyId, KeyLimits limits, Actor actor) {
    ApiKey key = find(keyId).orElseThrow(() -> new NotFoundException("no API key with id '" + keyId + "'"));
    key.setLimits(limits.sessionsPerMinute(), limits.maxQueued());
    audit.record(actor, AuditAction.API_KEY_LIMITS, "apikey:" + keyId, limits.toString());
    return ApiKeyView.of(key);
  }

  /** A key's limits, by its id; empty when there is no such key. */
  public Optional<KeyLimits> limits(String keyId) {
    return em.createQuery("SELECT k.sessionsPerMinute, k.maxQueued FROM ApiKey k WHERE k.keyId = :keyId", Object[].class)
        .setParameter("keyId", keyId).getResultStream().findFirst()
        .map(row -> new KeyLimits((Integer) row[0], (Integer) row[1]));
  }

  /** The caller a bearer token signs in: a well-formed token of a key that exists and is not revoked. */
  public Optional<Caller> authenticate(String token) {
    Matcher m = TOKEN.matcher(token == null ? "" : token);
    if (!m.matches()) {
      return Optional.empty();
    }
    Optional<ApiKey> found = find(m.group(1)).filter(k -> !k.isRevoked());
    if (found.isEmpty()
        || !SecretTokens.sameHex(found.get().getSecretHash(), SecretTokens.saltedSha256(found.get().getSalt(), m.group(2)))) {
      return Optional.empty();
    }
    ApiKey key = found.get();
    Instant now = clock.instant();
    if (key.getLastUsedAt().map(t -> t.plus(LAST_USED_RESOLUTION).isBefore(now)).orElse(true)) {
      // A bulk update, so concurrent requests with the same key never collide on its version.
      em.createQuery("UPDATE ApiKey k SET k.lastUsedAt = :now WHERE k.id = :id")
          .setParameter("now", now)
          .setParameter("id", key.getId())
          .executeUpdate();
    }
    return Optional.of(new Caller("key:" + key.getKeyId(), key.getRole()));
  }

  private Optional<ApiKey> find(String keyId) {
    return em.createQuery("SELECT k FROM ApiKey k WHERE k.keyId = :keyId", ApiKey.class)
        .setParameter("keyId", keyId)
        .getResultStream()
        .findFirst();
  }
}
