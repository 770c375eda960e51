package ai.atlas.core.application.security;

import ai.atlas.core.domain.security.Role;
import java.util.Set;

/** A signed-in caller: its name (a user name, or {@code key:<id>} for an API key) and its role. */
public record Caller(String name, Role role) {

  /** The groups the container puts the caller in: its role and every role it implies. */
  public Set<String> groups() {
    return role.grantedNames();
  }
}
