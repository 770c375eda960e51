package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What is stored survives a restart of the server. */
class RestartIT {

  @Test
  void sessionsAreStillThereAfterTheServerRestarts() throws Exception {
    String marker = Server.marker();
    long id = Server.importSession(marker);
    Server.postJson("/api/sessions/" + id + "/review", "{\"status\":\"approved\",\"note\":\"before restart\"}");

    serverCommand("stop");
    serverCommand("start");
    Server.awaitHealthy(Duration.ofSeconds(120));

    var session = Server.json(Server.get("/api/sessions/" + id));
    assertThat(session.getString("task")).isEqualTo(marker);
    assertThat(session.getString("reviewStatus")).isEqualTo("approved");
    assertThat(session.getString("reviewNotes")).isEqualTo("before restart");
    assertThat(session.getJsonArray("steps")).hasSize(2);
  }

  private static void serverCommand(String action) throws Exception {
    Path script = Server.wlpDir().resolve("bin/server");
    Process process = new ProcessBuilder(script.toString(), action, Server.serverName())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("server " + action + " finished").isTrue();
    assertThat(process.exitValue()).as("server " + action + " exit code").isZero();
  }
}
