package ai.atlas.core.profile;

/** Where services learn which database the server stores sessions in; the server's adapters provide one. */
@FunctionalInterface
public interface ServerDatabaseSource {

  ServerDatabase current();

  /** Outside a server: nothing known, so any storage block's database_url gets its notice. */
  ServerDatabaseSource UNKNOWN = () -> ServerDatabase.UNKNOWN;
}
