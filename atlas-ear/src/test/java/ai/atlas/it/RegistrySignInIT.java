package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.it.Server.Credentials;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * People of the server's user registry sign in with the role their groups give. The test adds a
 * basicRegistry through configDropins, as docs/security/ldap.xml adds an LDAP registry: the same
 * path (Liberty's identity store handler over its registry), without an LDAP server.
 */
class RegistrySignInIT {

  private static final Credentials OPERATOR = Credentials.basic("registry-op", "registry-password-1");
  private static final Credentials NO_ATLAS_GROUP = Credentials.basic("registry-nobody", "registry-password-2");
  private static Path dropin;

  @BeforeAll
  static void addRegistry() throws IOException, InterruptedException {
    Path overrides = Files.createDirectories(Server.serverDir().resolve("configDropins/overrides"));
    dropin = overrides.resolve("it-registry.xml");
    Files.writeString(dropin, """
        <server>
          <basicRegistry id="it" realm="it">
            <user name="registry-op" password="registry-password-1"/>
            <user name="registry-nobody" password="registry-password-2"/>
            <group name="operator"><member name="registry-op"/></group>
            <group name="others"><member name="registry-nobody"/></group>
          </basicRegistry>
        </server>
        """);
    awaitStatus(OPERATOR, 200);
  }

  @AfterAll
  static void removeRegistry() throws IOException, InterruptedException {
    Files.deleteIfExists(dropin);
    awaitStatus(OPERATOR, 401);
  }

  @Test
  void aRegistryUserGetsTheRoleOfItsGroup() {
    HttpResponse<String> me = Server.as(OPERATOR).get("/api/me");
    assertThat(me.body()).contains("\"name\":\"registry-op\"").contains("\"roles\":[\"viewer\",\"operator\"]");
    assertThat(Server.as(OPERATOR).send("POST", "/api/sessions/import", "{\"task\":\"from ldap\"}").statusCode()).isEqualTo(201);
    assertThat(Server.as(OPERATOR).get("/api/users").statusCode()).isEqualTo(403);
  }

  @Test
  void registryUsersWithoutAnAtlasGroupOrWithAWrongPasswordAreRefused() {
    assertThat(Server.as(NO_ATLAS_GROUP).get("/api/me").statusCode()).isEqualTo(401);
    assertThat(Server.as(Credentials.basic("registry-op", "wrong-password-9")).get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void anAtlasUserNameIsNeverCheckedAgainstTheRegistry() throws IOException {
    // "admin" exists in ATLAS; a registry entry of the same name must not give a second password.
    assertThat(Server.as(Credentials.basic("admin", "registry-password-1")).get("/api/me").statusCode()).isEqualTo(401);
  }

  private static void awaitStatus(Credentials credentials, int status) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    int last = -1;
    while (Instant.now().isBefore(deadline)) {
      last = Server.as(credentials).get("/api/me").statusCode();
      if (last == status) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the registry change did not take effect: " + credentials + " still gets " + last);
  }
}
