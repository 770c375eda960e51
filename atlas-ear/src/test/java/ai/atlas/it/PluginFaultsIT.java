package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.it.faults.FaultyAgentFactory;
import ai.atlas.it.faults.HeapHogAgentFactory;
import ai.atlas.spi.AgentAdapterFactory;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A plugin that throws, hangs past its time limit (ignoring interruption), or fills the heap in its
 * call: each session fails with the reason, and the server stays healthy and keeps running other
 * sessions.
 */
class PluginFaultsIT {

  private static final String FAULTY_JAR = "zz-faulty-it.jar";
  private static final String HOG_JAR = "zz-heap-hog-it.jar";
  private static final String PLUGIN_ID = "it-faulty";
  private static final String HOG_ID = "it-heap-hog";

  @BeforeAll
  static void installTheFaultyPlugins() throws IOException {
    // 10 s for the faulty agent's calls; the heap hog gets 10 minutes, so only the heap watch can stop it.
    writePluginJar(FAULTY_JAR, PLUGIN_ID, "faulty", FaultyAgentFactory.class, 10);
    writePluginJar(HOG_JAR, HOG_ID, "heap-hog", HeapHogAgentFactory.class, 600);
    HttpResponse<String> rescanned = Server.postJson("/api/plugins/rescan", "");
    assertThat(rescanned.statusCode()).as(rescanned.body()).isEqualTo(200);
    for (String jar : new String[] {FAULTY_JAR, HOG_JAR}) {
      assertThat(Server.jsonArray(rescanned)).anySatisfy(plugin -> {
        assertThat(plugin.getString("jar")).isEqualTo(jar);
        assertThat(plugin.getString("state")).as(plugin.toString()).isEqualTo("loaded");
      });
    }
  }

  @AfterAll
  static void removeThem() throws IOException {
    Files.deleteIfExists(Server.serverDir().resolve("plugins").resolve(FAULTY_JAR));
    Files.deleteIfExists(Server.serverDir().resolve("plugins").resolve(HOG_JAR));
    Server.postJson("/api/plugins/rescan", "");
  }

  @Test
  void aPluginThatThrowsFailsItsSessionWithTheReason() {
    JsonObject session = runWith("throw");
    assertThat(session.getString("status")).isEqualTo("failed");
    assertThat(session.getString("finalAnswer"))
        .contains("plugin '" + PLUGIN_ID + "' failed in run")
        .contains("IllegalStateException: the faulty agent broke on purpose");
    assertTheServerStillWorks();
  }

  @Test
  void aPluginThatHangsIsGivenUpOnAtItsTimeLimit() {
    long started = System.nanoTime();
    JsonObject session = runWith("hang");
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    assertThat(session.getString("status")).isEqualTo("failed");
    assertThat(session.getString("finalAnswer")).contains("plugin '" + PLUGIN_ID + "' did not finish run within 10 s");
    // The agent holds its thread for 60 s and ignores interruption; the session did not wait for it.
    assertThat(seconds).as("seconds until the session failed").isLessThan(40);
    assertTheServerStillWorks();
  }

  @Test
  void aPluginThatFillsTheHeapIsStoppedAndTheServerRecovers() {
    JsonObject session = runSession("""
        agent:
          type: heap-hog
        teacher:
          llm: {provider: openai, model: unused, api_base: "http://127.0.0.1:9/v1"}
        orchestration:
          forced_mode: auto
        """);
    assertThat(session.getString("status")).isEqualTo("failed");
    // Stopped by the heap watch, or (where the JVM ran out before it could act) by its own OutOfMemoryError.
    assertThat(session.getString("finalAnswer")).startsWith("plugin '" + HOG_ID + "'")
        .containsAnyOf("was stopped in run: the heap was", "OutOfMemoryError");
    assertTheServerStillWorks();
  }

  /** Runs one session of a profile whose agent is the faulty plugin with this fault, waiting for its end. */
  private static JsonObject runWith(String fault) {
    return runSession("""
        agent:
          type: faulty
          settings: {fault: %s}
        teacher:
          llm: {provider: openai, model: unused, api_base: "http://127.0.0.1:9/v1"}
        orchestration:
          forced_mode: auto
        """.formatted(fault));
  }

  /** Submits one session of this profile and polls until it ends (a heap fill can take longer than one request may). */
  private static JsonObject runSession(String yaml) {
    String profile = "faulty-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> put = Server.send(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/api/profiles/" + profile))
        .header("Authorization", Server.admin().authorization()).header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    String body = Json.createObjectBuilder().add("profile", profile).add("task", "misbehave " + Server.marker()).build().toString();
    HttpResponse<String> accepted = Server.postJson("/api/sessions", body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    long id = Server.json(accepted).getJsonNumber("id").longValue();
    try {
      return Server.awaitSessionEnd(Server.as(Server.admin()), id, Duration.ofMinutes(3));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Healthy, and a session of the embedded default still runs to its right answer. */
  private static void assertTheServerStillWorks() {
    assertThat(Server.as(Server.Credentials.NONE).get("/health").body()).contains("\"UP\"");
    String body = Json.createObjectBuilder()
        .add("profile", "demo-local")
        .add("task", "What is letter 7 of w, e, d, v, t, u, o, i?")
        .add("metadata", Json.createObjectBuilder().add("reference", "o"))
        .build().toString();
    HttpResponse<String> ran = Server.postJson("/api/sessions?wait=true", body);
    assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
    JsonObject session = Server.json(ran);
    assertThat(session.getString("finalAnswer")).as(ran.body()).isEqualTo("o");
    assertThat(session.getJsonNumber("sessionReward").doubleValue()).isEqualTo(1.0);
  }

  /** A plugin JAR of the faults' compiled test classes providing one of their agents, with its calls' time limit. */
  private static void writePluginJar(String name, String id, String type, Class<?> factory, int timeoutSeconds) throws IOException {
    Path jar = Server.serverDir().resolve("plugins").resolve(name);
    Path classes = Path.of("target/test-classes");
    String packageDir = FaultyAgentFactory.class.getPackageName().replace('.', '/');
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
      add(jarOut, "META-INF/atlas-plugin.properties", "id=" + id + "\nversion=1.0.0\nspi-version=1.0\nprovides=agent-adapter:" + type
          + "\ncall-timeout-seconds=" + timeoutSeconds + "\n");
      add(jarOut, "META-INF/services/" + AgentAdapterFactory.class.getName(), factory.getName() + "\n");
      try (Stream<Path> files = Files.list(classes.resolve(packageDir))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          jarOut.putNextEntry(new JarEntry(packageDir + "/" + file.getFileName()));
          jarOut.write(Files.readAllBytes(file));
          jarOut.closeEntry();
        }
      }
    }
  }

  private static void add(JarOutputStream jar, String name, String content) throws IOException {
    jar.putNextEntry(new JarEntry(name));
    jar.write(content.getBytes(StandardCharsets.UTF_8));
    jar.closeEntry();
  }
}
