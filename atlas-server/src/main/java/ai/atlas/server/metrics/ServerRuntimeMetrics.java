package ai.atlas.server.metrics;

import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.runtime.RuntimeMetrics;
import ai.atlas.spi.TokenUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The runtime's metrics on {@code /metrics}: sessions by profile and status, their tokens by type
 * ({@code atlas.session.tokens}; each model call's are {@code gen_ai.client.token.usage}, see
 * {@link ServerModelCallMetrics}), their cost in dollars, and drifting sessions.
 */
@ApplicationScoped
public class ServerRuntimeMetrics implements RuntimeMetrics {

  @Inject MetricRegistry registry;

  private final Map<String, DoubleAdder> costs = new ConcurrentHashMap<>();

  @Override
  public void finished(String profile, SessionStatus status, TokenUsage usage, Double costUsd) {
    Tag profileTag = new Tag("profile", profile);
    registry.counter("atlas.sessions", profileTag, new Tag("status", status.name().toLowerCase(Locale.ROOT))).inc();
    registry.counter("atlas.session.tokens", profileTag, new Tag("gen_ai_token_type", "input")).inc(usage.promptTokens());
    registry.counter("atlas.session.tokens", profileTag, new Tag("gen_ai_token_type", "output")).inc(usage.completionTokens());
    if (costUsd != null) {
      costs.computeIfAbsent(profile, p -> {
        DoubleAdder total = new DoubleAdder();
        registry.gauge("atlas.cost.usd", total, DoubleAdder::sum, profileTag);
        return total;
      }).add(costUsd);
    }
  }

  @Override
  public void drift(String profile) {
    registry.counter("atlas.sessions.drift", new Tag("profile", profile)).inc();
  }
}
