package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Agent profiles over REST: the folder's example, YAML in and JSON out, errors by key, secrets never kept. */
class ProfilesIT {

  private static final String PROFILE = """
      agent:
        type: process
        settings: {command: python3 agent.py}
      teacher:
        llm: {provider: openai, model: gpt-4o, api_key_env: OPENAI_API_KEY}
      orchestration:
        max_retries: 2
      """;

  private static HttpResponse<String> putYaml(String name, String yaml) {
    return Server.send(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/api/profiles/" + name))
        .header("Authorization", Server.admin().authorization())
        .header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
  }

  @Test
  void theExampleProfileOfTheFolderIsImportedAtStartUp() {
    HttpResponse<String> response = Server.as(Server.newKey("viewer")).get("/api/profiles/example-http-agent");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject profile = Server.json(response);
    assertThat(profile.getString("source")).isEqualTo("file");
    assertThat(profile.getJsonObject("document").getJsonObject("agent").getString("type")).isEqualTo("http");
  }

  @Test
  void aYamlProfileIsStoredValidatedAndAudited() {
    String name = "it-" + UUID.randomUUID().toString().substring(0, 8);

    HttpResponse<String> put = putYaml(name, PROFILE);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    JsonObject stored = Server.json(Server.get("/api/profiles/" + name)).getJsonObject("document");
    assertThat(stored.getJsonObject("orchestration").getInt("max_retries")).isEqualTo(2);
    assertThat(Server.get("/api/audit?action=profile.change").body()).contains("profile:" + name);
    assertThat(Server.as(Server.admin()).send("DELETE", "/api/profiles/" + name, null).statusCode()).isEqualTo(204);
    assertThat(Server.get("/api/profiles/" + name).statusCode()).isEqualTo(404);
  }

  @Test
  void anAtlasSdkStorageBlockLoadsAndEachKeyThatCannotApplyIsNamedAgainstTheServersOwnDatabase() {
    String name = "storage-" + UUID.randomUUID().toString().substring(0, 8);
    boolean postgres = "postgresql".equalsIgnoreCase(System.getenv("ATLAS_DB_KIND"));
    // on PostgreSQL the block names the server's own database (ATLAS_DB_URL without "jdbc:"), which agrees
    String own = postgres ? System.getenv().getOrDefault("ATLAS_DB_URL", "jdbc:postgresql://localhost:5432/atlas").replaceFirst("^jdbc:", "")
        : "postgresql://atlas@localhost:5432/atlas";
    HttpResponse<String> put = putYaml(name, PROFILE + """
        storage:
          database_url: %s
          max_connections: 5
        """.formatted(own));

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    List<String> notices = Server.json(Server.get("/api/profiles/" + name)).getJsonArray("notices").getValuesAs(JsonString.class)
        .stream().map(JsonString::getString).toList();
    assertThat(notices).anySatisfy(n -> assertThat(n).startsWith("storage.max_connections does not apply to a profile"));
    if (postgres) {
      assertThat(notices).as("the block names the server's own database").hasSize(1);
    } else {
      assertThat(notices).anySatisfy(n -> assertThat(n).startsWith("storage.database_url (" + own + ")")
          .contains("(the embedded h2 database)"))
          .hasSize(2);
    }
    assertThat(Server.as(Server.admin()).send("DELETE", "/api/profiles/" + name, null).statusCode()).isEqualTo(204);
  }

  @Test
  void invalidProfilesAreRefusedNamingEveryBadKey() {
    HttpResponse<String> response = putYaml("bad", PROFILE.replace("max_retries: 2", "max_retries: 99\n  colour: blue"));

    LimitsIT.assertProblem(response, 400, "orchestration.max_retries must be a whole number from 0 to 10, not '99'");
    assertThat(Server.json(response).getString("detail")).contains("orchestration.colour is not a known key");
    LimitsIT.assertProblem(putYaml("bad", PROFILE.replace("command: python3 agent.py", "command: x, api_key: sk-abc")),
        400, "agent.settings.api_key looks like a secret");
  }

  @Test
  void aLiveSecretPlantedInAProfileIsInNoAnswerAndNoLog() throws IOException {
    String secret = "sk-profile-" + UUID.randomUUID().toString().replace("-", "");
    Path secrets = Files.createDirectories(Server.serverDir().resolve("secrets"));
    Files.writeString(secrets.resolve("IT_PROFILE_API_KEY"), secret);
    String name = "planted-" + UUID.randomUUID().toString().substring(0, 8);

    HttpResponse<String> put = putYaml(name, "description: \"key " + secret + "\"\n" + PROFILE);

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(put.body()).doesNotContain(secret).contains("[REDACTED:secret]");
    assertThat(Server.get("/api/profiles/" + name).body()).doesNotContain(secret);
    assertThat(Server.get("/api/profiles").body()).doesNotContain(secret);
    assertThat(Server.get("/api/audit?size=500").body()).doesNotContain(secret);
    try (Stream<Path> logs = Files.walk(Server.serverDir().resolve("logs"))) {
      List<Path> files = logs.filter(Files::isRegularFile).toList();
      for (Path log : files) {
        assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).as(log.toString()).doesNotContain(secret);
      }
    }
  }
}
