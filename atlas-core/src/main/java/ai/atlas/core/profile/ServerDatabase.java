package ai.atlas.core.profile;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The database this server stores every profile's sessions in, as its JDBC URL says: the kind
 * ({@code postgresql}, {@code h2}, ...) and, for a database on a network, where it is. A
 * profile's atlas-sdk {@code storage} block is compared with it ({@link StorageBlock}).
 */
public record ServerDatabase(String kind, Location location) {

  /** What a server that cannot tell its database says: nothing to compare with. */
  public static final ServerDatabase UNKNOWN = new ServerDatabase("", Location.NONE);

  /** Reads a JDBC URL: {@code jdbc:postgresql://host:port/name?...}, {@code jdbc:h2:/path;...}. */
  public static ServerDatabase ofJdbcUrl(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
      return UNKNOWN;
    }
    String rest = jdbcUrl.substring("jdbc:".length());
    int colon = rest.indexOf(':');
    String kind = (colon < 0 ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT);
    return new ServerDatabase(kind, rest.startsWith(kind + "://") ? Location.of(rest) : Location.NONE);
  }

  /**
   * The database as a notice names it to anyone who may read a profile: its kind and, on a
   * network, host, port and name; never the URL's parameters (a password may be one) nor an
   * embedded database's file path.
   */
  public String shown() {
    if (location.host().isEmpty()) {
      return "the embedded " + kind + " database";
    }
    return kind + " at " + location.host().get() + ":" + location.port() + location.name().map(n -> "/" + n).orElse("");
  }

  /** Host, port and database name of a {@code kind://[user@]host[:port]/name} URL; the port defaults to PostgreSQL's. */
  public record Location(Optional<String> host, int port, Optional<String> name) {

    /** No network location: an embedded database, or a URL that could not be read. */
    static final Location NONE = new Location(Optional.empty(), -1, Optional.empty());
    static final int POSTGRESQL_PORT = 5432;

    static Location of(String url) {
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        return NONE;
      }
      String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      return new Location(Optional.ofNullable(uri.getHost()).map(h -> h.toLowerCase(Locale.ROOT)),
          uri.getPort() < 0 ? POSTGRESQL_PORT : uri.getPort(), path.isEmpty() ? Optional.empty() : Optional.of(path));
    }

    /** The same database: same port and name, and hosts that are the same name or both this machine. */
    boolean sameAs(Location other) {
      return port == other.port && name.equals(other.name) && host.isPresent() && other.host.isPresent()
          && (host.equals(other.host) || loopback(host.get()) && loopback(other.host.get()));
    }

    private static boolean loopback(String host) {
      return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
  }
}
