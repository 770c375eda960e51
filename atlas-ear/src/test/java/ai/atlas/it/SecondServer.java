package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second Liberty server of the same installation, as a team deploys a scale-out: the built
 * server's folder copied (application, configuration, plugins, models), its own ports and server
 * id, and the same database, which it reaches through the environment the test runs in
 * (ATLAS_DB_KIND, ATLAS_DB_URL, ...). Its own logs, work area and transaction log start empty.
 */
final class SecondServer implements AutoCloseable {

  /** What stays with the first server: its runtime state, never part of a deployment. */
  private static final Set<String> NOT_COPIED = Set.of("logs", "workarea", "tranlog", "data");

  private final String name;
  private final String serverId;
  private final int httpPort;

  private SecondServer(String name, String serverId, int httpPort) {
    this.name = name;
    this.serverId = serverId;
    this.httpPort = httpPort;
  }

  /** Copies the server under test to {@code name} and starts it, waiting until it is healthy. */
  static SecondServer start(String name, String serverId) throws Exception {
    return start(name, serverId, Map.of());
  }

  /** As {@link #start(String, String)}, with more environment (another database URL, say). */
  static SecondServer start(String name, String serverId, Map<String, String> environment) throws Exception {
    Path source = Server.serverDir();
    Path target = Server.wlpDir().resolve("usr/servers").resolve(name);
    deleteTree(target);
    copyTree(source, target);
    int http = freePort();
    int https = freePort();
    SecondServer server = new SecondServer(name, serverId, http);
    Map<String, String> env = new HashMap<>(environment);
    env.put("ATLAS_HTTP_PORT", Integer.toString(http));
    env.put("ATLAS_HTTPS_PORT", Integer.toString(https));
    env.put("ATLAS_SERVER_ID", serverId);
    server.command("start", env);
    Server.awaitHealthy(server.baseUrl(), Duration.ofSeconds(180));
    return server;
  }

  String baseUrl() {
    return "http://localhost:" + httpPort;
  }

  String serverId() {
    return serverId;
  }

  /** The administrator's requests, sent to this server. */
  Server.Client admin() {
    return Server.as(Server.admin()).at(baseUrl());
  }

  @Override
  public void close() throws Exception {
    command("stop", Map.of());
  }

  private void command(String action, Map<String, String> environment) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Server.wlpDir().resolve("bin/server").toString(), action, name)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(environment);
    Process process = builder.start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("server " + action + " " + name + " finished").isTrue();
    assertThat(process.exitValue()).as("server " + action + " " + name + " exit code").isZero();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      paths.filter(path -> path.equals(source) || !NOT_COPIED.contains(source.relativize(path).getName(0).toString()))
          .forEach(path -> {
            try {
              Path to = target.resolve(source.relativize(path).toString());
              if (Files.isDirectory(path)) {
                Files.createDirectories(to);
              } else {
                Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(path);
      }
    }
  }
}
