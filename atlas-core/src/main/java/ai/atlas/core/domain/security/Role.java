package ai.atlas.core.domain.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a caller may do. Roles nest: an admin may do everything, an operator or a reviewer
 * everything a viewer may, so a caller holds its own role and every role it implies.
 */
public enum Role {
  /** Reads sessions, jobs and metrics. */
  VIEWER,
  /** Reviews sessions, gives feedback and exports. */
  REVIEWER,
  /** Runs sessions and starts or stops jobs. */
  OPERATOR,
  /** Manages profiles, plugins, API keys, users and their roles; reads the audit log. */
  ADMIN;

  /** Role names as the annotations and the wire use them. */
  public static final String VIEWER_NAME = "viewer";
  public static final String REVIEWER_NAME = "reviewer";
  public static final String OPERATOR_NAME = "operator";
  public static final String ADMIN_NAME = "admin";

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** This role and every role it implies. */
  public Set<Role> granted() {
    return switch (this) {
      case VIEWER -> EnumSet.of(VIEWER);
      case REVIEWER -> EnumSet.of(VIEWER, REVIEWER);
      case OPERATOR -> EnumSet.of(VIEWER, OPERATOR);
      case ADMIN -> EnumSet.allOf(Role.class);
    };
  }

  /** The wire names of {@link #granted()}: the groups a signed-in caller belongs to. */
  public Set<String> grantedNames() {
    return granted().stream().map(Role::wireName).collect(java.util.stream.Collectors.toSet());
  }

  public static Optional<Role> fromWire(String value) {
    return Arrays.stream(values()).filter(r -> r.wireName().equalsIgnoreCase(value == null ? "" : value.trim())).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(Role::wireName).toList();
  }
}
