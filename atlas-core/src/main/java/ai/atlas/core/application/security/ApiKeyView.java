package ai.atlas.core.application.security;

import ai.atlas.core.domain.security.ApiKey;
import java.time.Instant;

/**
 * An API key as the API shows it after creation: its public id and a masked token
 * ({@code atlas_<keyId>_****}), never the secret or its hash, and its own session limits (null:
 * the server's defaults).
 */
public record ApiKeyView(
    String keyId,
    String name,
    String role,
    String maskedToken,
    String createdBy,
    Instant createdAt,
    Instant lastUsedAt,
    boolean revoked,
    String revokedBy,
    Instant revokedAt,
    Integer sessionsPerMinute,
    Integer maxQueued) {

  static ApiKeyView of(ApiKey key) {
    return new ApiKeyView(
        key.getKeyId(),
        key.getName(),
        key.getRole().wireName(),
        ApiKeyService.TOKEN_PREFIX + key.getKeyId() + "_****",
        key.getCreatedBy(),
        key.getCreatedAt(),
        key.getLastUsedAt().orElse(null),
        key.isRevoked(),
        key.getRevokedBy().orElse(null),
        key.getRevokedAt().orElse(null),
        key.getSessionsPerMinute(),
        key.getMaxQueued());
  }
}
