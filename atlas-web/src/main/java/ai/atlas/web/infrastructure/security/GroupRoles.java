package ai.atlas.web.infrastructure.security;

import ai.atlas.core.domain.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ATLAS role of someone known to an outside directory (an LDAP registry, an OpenID Connect
 * provider) by their groups: the highest role whose configured group they are in (by default the
 * group named like the role). Someone in none of them gets no role and is refused.
 */
@ApplicationScoped
public class GroupRoles {

  @Inject
  @ConfigProperty(name = "atlas.registry.group.admin", defaultValue = "admin")
  String adminGroup;

  @Inject
  @ConfigProperty(name = "atlas.registry.group.operator", defaultValue = "operator")
  String operatorGroup;

  @Inject
  @ConfigProperty(name = "atlas.registry.group.reviewer", defaultValue = "reviewer")
  String reviewerGroup;

  @Inject
  @ConfigProperty(name = "atlas.registry.group.viewer", defaultValue = "viewer")
  String viewerGroup;

  public GroupRoles() {}

  /** Outside the container: the groups given. */
  GroupRoles(String admin, String operator, String reviewer, String viewer) {
    this.adminGroup = admin;
    this.operatorGroup = operator;
    this.reviewerGroup = reviewer;
    this.viewerGroup = viewer;
  }

  public Optional<Role> roleOf(Collection<String> groups) {
    if (groups == null) {
      return Optional.empty();
    }
    for (Role role : List.of(Role.ADMIN, Role.OPERATOR, Role.REVIEWER, Role.VIEWER)) {
      String configured = groupFor(role);
      if (groups.stream().anyMatch(g -> matches(g, configured))) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  private String groupFor(Role role) {
    return switch (role) {
      case ADMIN -> adminGroup;
      case OPERATOR -> operatorGroup;
      case REVIEWER -> reviewerGroup;
      case VIEWER -> viewerGroup;
    };
  }

  /** A group matches by its name or, for LDAP, its distinguished name's common name, ignoring case. */
  private static boolean matches(String group, String configured) {
    String g = group.toLowerCase(Locale.ROOT);
    String c = configured.toLowerCase(Locale.ROOT);
    return g.equals(c) || g.startsWith("cn=" + c + ",");
  }
}
