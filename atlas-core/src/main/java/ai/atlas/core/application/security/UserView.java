package ai.atlas.core.application.security;

import ai.atlas.core.domain.security.UserAccount;
import java.time.Instant;

/** A user as the API shows it: never the password hash. */
public record UserView(String username, String role, boolean enabled, Instant createdAt, Instant updatedAt) {

  static UserView of(UserAccount user) {
    return new UserView(user.getUsername(), user.getRole().wireName(), user.isEnabled(), user.getCreatedAt(), user.getUpdatedAt());
  }
}
