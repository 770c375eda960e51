package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The running server lists its plugins, and a broken JAR is reported while the server stays healthy. */
class PluginsIT {

  @Test
  void theBuiltInPluginsAndTheExampleAreLoaded() {
    HttpResponse<String> response = Server.get("/api/plugins");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonObject> plugins = Server.jsonArray(response);

    assertThat(plugins).anySatisfy(p -> {
      assertThat(p.getString("id")).isEqualTo("atlas-judges");
      assertThat(p.getString("state")).isEqualTo("loaded");
      assertThat(p.getJsonArray("provides").getValuesAs(jakarta.json.JsonString::getString))
          .containsExactly("judge:exact", "judge:numeric", "judge:regex", "judge:command", "judge:json-schema", "judge:llm-rubric");
      assertThat(p.getString("spiVersion")).isEqualTo("1.0");
      assertThat(p.getString("sha256")).hasSize(64);
    });
    assertThat(plugins).anySatisfy(p -> {
      assertThat(p.getString("id")).isEqualTo("atlas-openai");
      assertThat(p.getString("state")).isEqualTo("loaded");
      assertThat(p.getJsonArray("provides").getValuesAs(jakarta.json.JsonString::getString))
          .containsExactly("chat-model:openai", "agent-adapter:openai");
    });
    assertThat(plugins).filteredOn(p -> p.getString("id", "").startsWith("atlas-"))
        .extracting(p -> p.getString("id") + " " + p.getString("state"))
        .containsExactlyInAnyOrder("atlas-judges loaded", "atlas-openai loaded", "atlas-http-agent loaded", "atlas-process-agent loaded",
            "atlas-local-model loaded");
    assertThat(plugins).anySatisfy(p -> {
      assertThat(p.getString("id")).isEqualTo("example-json-judge");
      assertThat(p.getString("state")).isEqualTo("loaded");
    });
  }

  @Test
  void aBrokenJarIsReportedAsFailedAndTheServerStaysHealthy() throws IOException {
    Path broken = Server.serverDir().resolve("plugins/zz-broken-it.jar");
    Files.writeString(broken, "this is not a JAR");
    try {
      HttpResponse<String> rescanned = Server.postJson("/api/plugins/rescan", "");
      assertThat(rescanned.statusCode()).as(rescanned.body()).isEqualTo(200);

      assertThat(Server.jsonArray(rescanned)).anySatisfy(p -> {
        assertThat(p.getString("jar")).isEqualTo("zz-broken-it.jar");
        assertThat(p.getString("state")).isEqualTo("failed");
        assertThat(p.getString("error")).startsWith("not a readable JAR");
      });
      assertThat(Server.jsonArray(Server.get("/api/plugins")))
          .anySatisfy(p -> assertThat(p.getString("id", "")).isEqualTo("atlas-judges"));
      assertThat(Server.as(Server.Credentials.NONE).get("/health").body()).contains("\"UP\"");
      assertThat(Server.get("/api/audit?action=plugin.rescan").body()).contains("\"actor\":\"admin\"");
    } finally {
      Files.deleteIfExists(broken);
      Server.postJson("/api/plugins/rescan", "");
    }
  }
}
