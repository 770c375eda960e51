package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.it.Server.Credentials;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each audited action leaves an entry naming who, what, on what and from where; only admins read them. */
class AccessAuditIT {

  @Test
  void reviewDecisionsAreAuditedWithTheReviewer() {
    Credentials reviewer = Server.newUser("reviewer");
    long id = Server.importSession(Server.marker());

    HttpResponse<String> reviewed = Server.as(reviewer)
        .send("POST", "/api/sessions/" + id + "/review", "{\"status\":\"quarantined\",\"note\":\"pii\"}");
    assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);

    JsonObject entry = latest("session.review", "session:" + id);
    assertThat(entry.getString("actor")).isEqualTo(name(reviewer));
    assertThat(entry.getString("detail")).isEqualTo("pending -> quarantined: pii");
    assertThat(entry.getString("remoteAddress")).isNotBlank();
    assertThat(entry.getString("at")).isNotBlank();
  }

  @Test
  void jobStartsAreAuditedWithTheirParameters() {
    Credentials reviewer = Server.newUser("reviewer");
    HttpResponse<String> started = Server.as(reviewer)
        .send("POST", "/api/jobs/export", "{\"output\":\"audit/" + Server.marker() + ".jsonl\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long executionId = Server.json(started).getJsonNumber("executionId").longValue();

    JsonObject entry = latest("job.start", "job-execution:" + executionId);
    assertThat(entry.getString("actor")).isEqualTo(name(reviewer));
    assertThat(entry.getString("detail")).startsWith("export {").contains("reviewStatus=approved");
  }

  @Test
  void keyCreationAndRevocationAreAuditedAndTheTokenIsShownOnlyOnce() {
    HttpResponse<String> created = Server.postJson("/api/keys", "{\"name\":\"audited\",\"role\":\"operator\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    String token = Server.json(created).getString("token");
    String keyId = Server.json(created).getJsonObject("key").getString("keyId");

    HttpResponse<String> listed = Server.get("/api/keys");
    assertThat(listed.body()).contains(keyId).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('_') + 1));
    assertThat(latest("apikey.create", "apikey:" + keyId).getString("actor")).isEqualTo("admin");

    assertThat(Server.as(Credentials.bearer(token, "k")).get("/api/me").statusCode()).isEqualTo(200);
    assertThat(Server.as(Server.admin()).send("DELETE", "/api/keys/" + keyId, null).statusCode()).isEqualTo(200);
    assertThat(Server.as(Credentials.bearer(token, "k")).get("/api/me").statusCode()).isEqualTo(401);
    assertThat(latest("apikey.revoke", "apikey:" + keyId).getString("actor")).isEqualTo("admin");
  }

  @Test
  void roleChangesAreAuditedAndTakeEffectAtOnce() {
    Credentials user = Server.newUser("viewer");
    String name = name(user);
    assertThat(Server.as(user).send("POST", "/api/sessions/import", "{\"task\":\"t\"}").statusCode()).isEqualTo(403);

    HttpResponse<String> changed = Server.as(Server.admin()).send("PUT", "/api/users/" + name, "{\"role\":\"operator\"}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

    assertThat(Server.as(user).send("POST", "/api/sessions/import", "{\"task\":\"t\"}").statusCode()).isEqualTo(201);
    assertThat(latest("user.update", "user:" + name).getString("detail")).isEqualTo("role=operator");
    assertThat(latest("user.create", "user:" + name).getString("actor")).isEqualTo("admin");
    assertThat(Server.get("/api/users").body()).contains(name).doesNotContain("pbkdf2");
  }

  @Test
  void theFirstAdministratorWasCreatedBySystemWithAGeneratedPassword() {
    JsonObject page = Server.json(Server.get("/api/audit?action=user.create&size=500"));
    List<JsonObject> entries = page.getJsonArray("items").getValuesAs(JsonObject.class);
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.getString("target")).isEqualTo("user:admin");
      assertThat(e.getString("actor")).isEqualTo("system");
    });
  }

  private static JsonObject latest(String action, String target) {
    JsonObject page = Server.json(Server.get("/api/audit?action=" + action + "&size=500"));
    return page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .filter(e -> target.equals(e.getString("target", null)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + action + " entry for " + target + " in " + page));
  }

  private static String name(Credentials user) {
    return user.label().substring("user ".length());
  }
}
