package ai.atlas.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An atlas-sdk {@code storage} block, read against the server's own database. In atlas-sdk the
 * block configures the SDK's own PostgreSQL client; in ATLAS the server stores the sessions of
 * every profile in the one database it was started with ({@code ATLAS_DB_*}), so a profile cannot
 * move them. The block is kept so that a team's atlas-sdk file loads unchanged, and each key that
 * asks for something this server does not do is answered with a notice naming it, shown with the
 * profile ({@code notices} in the API, logged at import). Keys that agree with the server, such as
 * a {@code database_url} naming its own database, give none.
 */
public record StorageBlock(Map<String, Object> block) {

  /** The document's storage block, empty when it has none. */
  @SuppressWarnings("unchecked")
  public static StorageBlock of(Map<String, Object> document) {
    Object block = document == null ? null : document.get("storage");
    return new StorageBlock(block instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of());
  }

  public List<String> notices(ServerDatabase server) {
    List<String> notices = new ArrayList<>();
    Object url = block.get("database_url");
    if (url != null && !names(String.valueOf(url), server)) {
      notices.add("storage.database_url (" + withoutPassword(String.valueOf(url)) + ") is not where this profile's sessions are "
          + "stored: the server keeps every profile's sessions in its own database" + (server.kind().isEmpty() ? "" : " ("
          + server.shown() + ")") + ", set by ATLAS_DB_KIND and ATLAS_DB_URL");
    }
    for (String pool : List.of("min_connections", "max_connections", "statement_timeout_seconds")) {
      if (block.containsKey(pool)) {
        notices.add("storage." + pool + " does not apply to a profile: the server's one connection pool serves every "
            + "profile, and its limits are set on the server's data source (server.xml), not in a profile");
      }
    }
    if (Boolean.FALSE.equals(block.get("apply_schema_on_connect"))) {
      notices.add("storage.apply_schema_on_connect: false does not apply: the server migrates its own schema (Flyway) at "
          + "every start, whatever a profile says");
    }
    return notices;
  }

  /** Whether an atlas-sdk URL ({@code postgresql://user@host:port/name}, {@code postgresql+asyncpg://...}) names the server's database. */
  private static boolean names(String url, ServerDatabase server) {
    int scheme = url.indexOf("://");
    if (scheme < 0 || server.location().host().isEmpty()) {
      return false;
    }
    String kind = url.substring(0, scheme).toLowerCase(Locale.ROOT).replaceFirst("\\+.*", "");
    if (kind.equals("postgres")) {
      kind = "postgresql";
    }
    if (!kind.equals(server.kind())) {
      return false;
    }
    return ServerDatabase.Location.of(kind + url.substring(scheme)).sameAs(server.location());
  }

  private static String withoutPassword(String url) {
    return url.replaceFirst("(://[^:/@]+):[^@/]*@", "$1:***@");
  }
}
