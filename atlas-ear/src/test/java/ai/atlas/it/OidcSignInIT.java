package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.it.Server.Credentials;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect access tokens sign in with the role of their groups claim. The test configures
 * the jwtConsumer of docs/security/oidc.xml with a shared HMAC key instead of a provider's JWKS
 * (no identity provider runs here) and signs its own tokens; the path through Liberty's consumer
 * and ATLAS's mapping is the same.
 */
class OidcSignInIT {

  private static final String ISSUER = "https://idp.example.test";
  private static final String KEY = "it-shared-key-0123456789abcdef0123456789abcdef";
  private static Path dropin;

  @BeforeAll
  static void configureConsumer() throws Exception {
    Path overrides = Files.createDirectories(Server.serverDir().resolve("configDropins/overrides"));
    dropin = overrides.resolve("it-oidc.xml");
    Files.writeString(dropin, """
        <server>
          <jwtConsumer id="atlasOidc" issuer="%s" audiences="atlas" sharedKey="%s" signatureAlgorithm="HS256"/>
        </server>
        """.formatted(ISSUER, KEY));
    await(token("oidc-rita", KEY, Instant.now().plusSeconds(600), "reviewer"), 200);
  }

  @AfterAll
  static void removeConsumer() throws Exception {
    Files.deleteIfExists(dropin);
    await(token("oidc-rita", KEY, Instant.now().plusSeconds(600), "reviewer"), 401);
  }

  @Test
  void aValidTokenSignsInWithTheRoleOfItsGroups() throws GeneralSecurityException {
    Credentials rita = Credentials.bearer(token("oidc-rita", KEY, Instant.now().plusSeconds(600), "staff", "reviewer"), "oidc");

    assertThat(Server.as(rita).get("/api/me").body()).contains("\"name\":\"oidc-rita\"").contains("\"roles\":[\"viewer\",\"reviewer\"]");
    assertThat(Server.as(rita).send("POST", "/api/sessions/import", "{\"task\":\"t\"}").statusCode()).isEqualTo(403);
  }

  @Test
  void expiredForgedOrGrouplessTokensAreRefused() throws GeneralSecurityException {
    String expired = token("oidc-old", KEY, Instant.now().minusSeconds(3600), "admin");
    String forged = token("oidc-eve", "another-key-0123456789abcdef0123456789abcdef", Instant.now().plusSeconds(600), "admin");
    String groupless = token("oidc-bob", KEY, Instant.now().plusSeconds(600), "staff");

    for (String token : new String[] {expired, forged, groupless, "not.a.jwt"}) {
      assertThat(Server.as(Credentials.bearer(token, "t")).get("/api/me").statusCode()).isEqualTo(401);
    }
  }

  static String token(String user, String key, Instant expires, String... groups) throws GeneralSecurityException {
    JsonArrayBuilder groupArray = Json.createArrayBuilder();
    for (String g : groups) {
      groupArray.add(g);
    }
    String header = b64(Json.createObjectBuilder().add("alg", "HS256").add("typ", "JWT").build().toString());
    String claims = b64(Json.createObjectBuilder()
        .add("iss", ISSUER).add("aud", "atlas").add("sub", "id-" + user).add("preferred_username", user)
        .add("groups", groupArray)
        .add("iat", expires.minusSeconds(900).getEpochSecond()).add("exp", expires.getEpochSecond())
        .build().toString());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
    return header + "." + claims + "." + signature;
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void await(String token, int status) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    int last = -1;
    while (Instant.now().isBefore(deadline)) {
      last = Server.as(Credentials.bearer(token, "t")).get("/api/me").statusCode();
      if (last == status) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the jwtConsumer change did not take effect: still " + last);
  }
}
