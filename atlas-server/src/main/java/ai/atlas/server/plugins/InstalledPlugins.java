package ai.atlas.server.plugins;

import ai.atlas.core.application.plugins.PluginJarPolicy;
import ai.atlas.core.application.secrets.Secrets;
import ai.atlas.core.plugins.PluginComponents;
import ai.atlas.core.plugins.PluginRegistry;
import ai.atlas.core.plugins.PluginStatus;
import ai.atlas.server.config.RedactionConfig;
import ai.atlas.server.metrics.ServerModelCallMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's plugins, from configuration: the folder {@code atlas.plugins.dir}, the optional
 * SHA-256 allow-list {@code atlas.plugins.allowed-sha256}, and the time limit of each call into a
 * plugin.
 */
@ApplicationScoped
public class InstalledPlugins implements PluginComponents {

  @Inject
  @ConfigProperty(name = "atlas.plugins.dir", defaultValue = "plugins")
  String folder;

  @Inject
  @ConfigProperty(name = "atlas.plugins.allowed-sha256")
  Optional<String> allowedSha256;

  @Inject
  @ConfigProperty(name = "atlas.plugins.call-timeout-seconds", defaultValue = "300")
  long callTimeoutSeconds;

  /**
   * Plugin calls run on threads of their own, not the server's managed executor: a plugin needs
   * no container context, and the managed executor does not run an application's tasks before
   * the application has started, which would block the scan at start-up.
   */
  private final ExecutorService executor = Executors.newCachedThreadPool(new PluginThreads());

  private PluginRegistry registry;

  @Inject ServerModelCallMetrics callMetrics;

  @PostConstruct
  void create() {
    Path dir = Path.of(folder).toAbsolutePath();
    registry = new PluginRegistry(dir, new PluginJarPolicy(dir, PluginJarPolicy.parseChecksums(allowedSha256.orElse(""))),
        executor, Duration.ofSeconds(callTimeoutSeconds));
    registry.observeCalls(callMetrics);
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }

  @Inject RedactionConfig redaction;

  @Override
  public Secrets secrets() {
    return redaction.secrets();
  }

  @Override
  public PluginRegistry registry() {
    return registry;
  }

  public List<PluginStatus> rescan() {
    return registry.rescan();
  }

  public List<PluginStatus> list() {
    return registry.plugins();
  }

  /** Daemon threads named after their purpose, so thread dumps show plugin work for what it is. */
  private static final class PluginThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable work) {
      Thread thread = new Thread(work, "atlas-plugin-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
