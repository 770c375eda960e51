package ai.atlas.web.infrastructure.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.core.domain.security.Role;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupRolesTest {

  private final GroupRoles registry = new GroupRoles("atlas-admins", "atlas-ops", "reviewer", "viewer");

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
}
