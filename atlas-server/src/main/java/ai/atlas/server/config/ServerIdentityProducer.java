package ai.atlas.server.config;

import ai.atlas.core.application.cluster.ServerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server's identity among those sharing the database: {@code atlas.server.id}
 * ({@code ATLAS_SERVER_ID}) when set, else the host name and the server's folder, which stay the
 * same across restarts and differ between two servers on one host.
 */
@ApplicationScoped
public class ServerIdentityProducer {

  @Inject
  @ConfigProperty(name = "atlas.server.id")
  Optional<String> configured;

  @Produces
  @Singleton
  ServerIdentity identity() {
    if (configured.isPresent() && !configured.get().isBlank()) {
      return new ServerIdentity(configured.get().strip());
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return new ServerIdentity(host + ":" + Path.of("").toAbsolutePath());
  }
}
