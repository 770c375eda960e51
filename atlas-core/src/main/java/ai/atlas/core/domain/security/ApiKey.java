package ai.atlas.core.domain.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * A key a machine client (an agent, CI, the CLI) sends as a bearer token. The token is
 * {@code atlas_<keyId>_<secret>}: the key id finds the row, and only a salted hash of the secret is
 * kept, so the token is shown once, when the key is created, and never again.
 */
@Entity
@Table(name = "api_keys")
public class ApiKey {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "key_id", nullable = false, unique = true)
  private String keyId;

  @Column(nullable = false)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Role role;

  @Column(nullable = false)
  private String salt;

  @Column(name = "secret_hash", nullable = false)
  private String secretHash;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_by")
  private String revokedBy;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  /** Sessions per minute this key may create on each server; null: the server's default. */
  @Column(name = "sessions_per_minute")
  private Integer sessionsPerMinute;

  /** Sessions of this key that may wait in the queue at once; null: the server's default. */
  @Column(name = "max_queued")
  private Integer maxQueued;

  @Version
  private long version;

  protected ApiKey() {}

  public ApiKey(String keyId, String name, Role role, String salt, String secretHash, String createdBy, Instant at) {
    this.keyId = keyId;
    this.name = name;
    this.role = role;
    this.salt = salt;
    this.secretHash = secretHash;
    this.createdBy = createdBy;
    this.createdAt = at;
  }

  public Integer getSessionsPerMinute() {
    return sessionsPerMinute;
  }

  public Integer getMaxQueued() {
    return maxQueued;
  }

  public void setLimits(Integer sessionsPerMinute, Integer maxQueued) {
    this.sessionsPerMinute = sessionsPerMinute;
    this.maxQueued = maxQueued;
  }

  public Long getId() {
    return id;
  }

  public String getKeyId() {
    return keyId;
  }

  public String getName() {
    return name;
  }

  public Role getRole() {
    return role;
  }

  public String getSalt() {
    return salt;
  }

  public String getSecretHash() {
    return secretHash;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Optional<Instant> getLastUsedAt() {
    return Optional.ofNullable(lastUsedAt);
  }

  public Optional<Instant> getRevokedAt() {
    return Optional.ofNullable(revokedAt);
  }

  public Optional<String> getRevokedBy() {
    return Optional.ofNullable(revokedBy);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  public void revoke(String actor, Instant at) {
    if (revokedAt == null) {
      this.revokedBy = actor;
      this.revokedAt = at;
    }
  }

  public void markUsed(Instant at) {
    this.lastUsedAt = at;
  }
}
