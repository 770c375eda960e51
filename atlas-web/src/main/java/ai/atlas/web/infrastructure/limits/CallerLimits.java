package ai.atlas.web.infrastructure.limits;

import ai.atlas.core.application.security.ApiKeyService;
import ai.atlas.core.application.security.KeyLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The session limits of a caller: an API key's own ({@code PUT /api/keys/{id}/limits}) where it
 * has them, else the server's defaults, {@code atlas.limits.sessions-per-minute} and {@code
 * atlas.limits.queued-per-caller}; 0, for a key or a default, is no limit (the queue's bound still
 * holds). A key's limits are
 * read from the database at most every {@link #FRESH} per server, so a change reaches every server
 * sharing it within that time (at once on the server that made it).
 */
@ApplicationScoped
public class CallerLimits {

  static final Duration FRESH = Duration.ofSeconds(10);
  private static final String KEY_PREFIX = "key:";

  /** What a caller may do: sessions per minute (0: no limit) and sessions queued at once (empty: no limit of its own). */
  public record Limits(int sessionsPerMinute, OptionalInt maxQueued) {}

  @Inject ApiKeyService keys;

  @Inject
  @ConfigProperty(name = "atlas.limits.sessions-per-minute", defaultValue = "0")
  int defaultPerMinute;

  @Inject
  @ConfigProperty(name = "atlas.limits.queued-per-caller", defaultValue = "0")
  int defaultMaxQueued;

  private record Read(KeyLimits limits, long at) {}

  private final Map<String, Read> read = new ConcurrentHashMap<>();

  public Limits of(String caller) {
    KeyLimits own = KeyLimits.DEFAULTS;
    if (caller != null && caller.startsWith(KEY_PREFIX)) {
      long now = System.nanoTime();
      Read cached = read.get(caller);
      if (cached == null || now - cached.at() > FRESH.toNanos()) {
        cached = new Read(keys.limits(caller.substring(KEY_PREFIX.length())).orElse(KeyLimits.DEFAULTS), now);
        read.put(caller, cached);
      }
      own = cached.limits();
    }
    int perMinute = own.sessionsPerMinute() != null ? own.sessionsPerMinute() : Math.max(0, defaultPerMinute);
    int maxQueued = own.maxQueued() != null ? own.maxQueued() : Math.max(0, defaultMaxQueued);
    return new Limits(perMinute, maxQueued > 0 ? OptionalInt.of(maxQueued) : OptionalInt.empty());
  }

  /** Forgets what was read of a key's limits, after they were changed on this server. */
  public void changed(String keyId) {
    read.remove(KEY_PREFIX + keyId);
  }
}
