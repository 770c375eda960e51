package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What the server serves besides the API: health, metrics, OpenAPI, version. */
class ServerEndpointsIT {

  @Test
  void healthIsUpWithADatabaseCheckThatQueriedTheSchema() {
    HttpResponse<String> ready = Server.as(Server.Credentials.NONE).get("/health/ready");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    JsonObject check = Server.json(ready).getJsonArray("checks").getJsonObject(0);
    assertThat(check.getString("name")).isEqualTo("database");
    assertThat(check.getString("status")).isEqualTo("UP");
    assertThat(check.getJsonObject("data").getString("schemaVersion")).isNotBlank();
    // the server runs on the database the environment chose (.ci/run repeats these tests on PostgreSQL)
    String expected = "postgresql".equalsIgnoreCase(System.getenv("ATLAS_DB_KIND")) ? "PostgreSQL" : "H2";
    assertThat(check.getJsonObject("data").getString("database")).isEqualTo(expected);

    assertThat(Server.json(Server.as(Server.Credentials.NONE).get("/health")).getString("status")).isEqualTo("UP");
  }

  @Test
  void metricsAreReadableWithoutCredentials() {
    HttpResponse<String> metrics = Server.as(Server.Credentials.NONE).get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_uptime_seconds");
  }

  @Test
  void openApiDocumentsTheApiAndServesItsUi() {
    HttpResponse<String> openapi = Server.as(Server.Credentials.NONE).get("/openapi");
    assertThat(openapi.statusCode()).isEqualTo(200);
    assertThat(openapi.body()).contains("/api/sessions/{id}", "/api/jobs/{job}", "/api/jobs/definitions", "/api/version");
    assertThat(Server.as(Server.Credentials.NONE).get("/openapi/ui/").statusCode()).isEqualTo(200);
  }

  @Test
  void versionNamesTheServerAndItsSchema() {
    JsonObject version = Server.json(Server.get("/api/version"));
    assertThat(version.getString("name")).isEqualTo("atlas");
    assertThat(version.getString("version")).isNotBlank().isNotEqualTo("unknown");
    assertThat(version.getString("spiVersion")).isEqualTo("1.2");
    assertThat(version.getString("schemaVersion")).isEqualTo("17");
  }
}
