package ai.atlas.core.application.security;

/** A key just created: the only time its full token is ever available. */
public record CreatedApiKey(ApiKeyView key, String token) {}
