package ai.atlas.web.infrastructure.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.core.domain.security.Role;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistrySignInTest {

  private final RegistrySignIn registry = configured();

  @Test
  void theHighestRoleAmongTheGroupsWins() {
    assertThat(registry.roleOf(Set.of("viewer", "atlas-ops"))).contains(Role.OPERATOR);
    assertThat(registry.roleOf(Set.of("reviewer"))).contains(Role.REVIEWER);
    assertThat(registry.roleOf(Set.of("Viewer"))).contains(Role.VIEWER);
  }

  @Test
  void ldapGroupsMatchByTheirCommonName() {
    assertThat(registry.roleOf(Set.of("cn=atlas-admins,ou=groups,dc=example,dc=com"))).contains(Role.ADMIN);
    assertThat(registry.roleOf(Set.of("cn=atlas-adminsx,ou=groups,dc=example,dc=com"))).isEmpty();
  }

  @Test
  void usersInNoAtlasGroupGetNoRole() {
    assertThat(registry.roleOf(Set.of("staff"))).isEmpty();
    assertThat(registry.roleOf(null)).isEmpty();
  }

  @Test
  void withoutLibertysRegistryApiNobodySignsIn() {
    // Outside Liberty the registry classes are missing: refused, not an error.
    assertThat(registry.authenticate("anyone", "password".toCharArray())).isEmpty();
  }

  private static RegistrySignIn configured() {
    RegistrySignIn r = new RegistrySignIn();
    r.enabled = true;
    r.adminGroup = "atlas-admins";
    r.operatorGroup = "atlas-ops";
    r.reviewerGroup = "reviewer";
    r.viewerGroup = "viewer";
    return r;
  }
}
