package ai.atlas.web.infrastructure.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Outside Liberty the registry and JWT APIs are missing: nobody signs in that way, and nothing fails. */
class ExternalSignInTest {

  @Test
  void withoutLibertysRegistryNobodySignsInAgainstIt() {
    RegistrySignIn registry = new RegistrySignIn();
    registry.enabled = true;
    registry.groupRoles = new GroupRoles("admin", "operator", "reviewer", "viewer");

    assertThat(registry.authenticate("anyone", "password".toCharArray())).isEmpty();
  }

  @Test
  void withoutLibertysJwtConsumerNoTokenSignsIn() {
    OidcSignIn oidc = new OidcSignIn();
    oidc.groupRoles = new GroupRoles("admin", "operator", "reviewer", "viewer");
    oidc.consumerId = "atlasOidc";
    oidc.nameClaim = "preferred_username";
    oidc.groupsClaim = "groups";

    assertThat(oidc.authenticate("eyJhbGciOiJIUzI1NiJ9.e30.sig")).isEmpty();
  }
}
