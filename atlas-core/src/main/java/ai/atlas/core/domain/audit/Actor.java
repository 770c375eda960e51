package ai.atlas.core.domain.audit;

/**
 * Who makes a change and from where: a user name or {@code key:<id>} for an API key, and the
 * client's network address ({@code null} for the server itself).
 */
public record Actor(String name, String address) {

  /** The server acting on its own, e.g. when it creates the first administrator at start-up. */
  public static final Actor SYSTEM = new Actor("system", null);

  public Actor {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an actor needs a name");
    }
  }
}
