package ai.atlas.server.config;

import ai.atlas.core.runtime.RuntimeLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The runtime's limits from configuration: sessions at once, waiting in process, the durable queue's bound, and how long ?wait=true waits. */
@ApplicationScoped
public class RuntimeLimitsProducer {

  @Inject
  @ConfigProperty(name = "atlas.runtime.concurrent", defaultValue = "8")
  int concurrent;

  @Inject
  @ConfigProperty(name = "atlas.runtime.queued", defaultValue = "64")
  int queued;

  @Inject
  @ConfigProperty(name = "atlas.runtime.queue-bound", defaultValue = "10000")
  int queueBound;

  @Inject
  @ConfigProperty(name = "atlas.runtime.wait-seconds", defaultValue = "300")
  long waitSeconds;

  /** Singleton: a record cannot be proxied, and one instance serves every lookup. */
  @Produces
  @Singleton
  RuntimeLimits limits() {
    return new RuntimeLimits(Math.max(1, concurrent), Math.max(0, queued), Math.max(1, queueBound), Duration.ofSeconds(Math.max(1, waitSeconds)));
  }
}
