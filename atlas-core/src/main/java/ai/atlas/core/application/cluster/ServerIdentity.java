package ai.atlas.core.application.cluster;

/**
 * Which server this is, among those that share one database: stable across its restarts and
 * different from every other's. The server provides it ({@code atlas.server.id}, by default the
 * host name and the server's folder); outside it, {@link #LOCAL}.
 */
public record ServerIdentity(String id) {

  public static final ServerIdentity LOCAL = new ServerIdentity("local");

  public ServerIdentity {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a server identity needs an id");
    }
  }
}
