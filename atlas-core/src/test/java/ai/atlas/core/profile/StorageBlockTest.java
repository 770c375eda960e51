package ai.atlas.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An atlas-sdk storage block read against the server's own database: each key that cannot apply gets a notice naming it. */
class StorageBlockTest {

  private static final ServerDatabase POSTGRESQL = ServerDatabase.ofJdbcUrl("jdbc:postgresql://127.0.0.1:5432/atlas?sslmode=disable");
  private static final ServerDatabase H2 = ServerDatabase.ofJdbcUrl("jdbc:h2:/srv/atlas/data/atlas;MODE=LEGACY;WRITE_DELAY=0");

  private static List<String> notices(Map<String, Object> storage, ServerDatabase server) {
    return StorageBlock.of(Map.of("storage", storage)).notices(server);
  }

  @Test
  void aDatabaseUrlNamingTheServersOwnDatabaseAgrees() {
    for (String url : List.of("postgresql://atlas@localhost:5432/atlas", "postgresql://atlas:secret@127.0.0.1/atlas",
        "postgresql+asyncpg://atlas@localhost:5432/atlas", "postgres://localhost/atlas")) {
      assertThat(notices(Map.of("database_url", url), POSTGRESQL)).as(url).isEmpty();
    }
  }

  @Test
  void aDatabaseUrlNamingAnotherDatabaseGetsANoticeNamingBothWithoutThePassword() {
    for (String url : List.of("postgresql://atlas:secret@db.internal:5432/atlas", "postgresql://atlas@localhost:5433/atlas",
        "postgresql://atlas@localhost:5432/other", "mysql://localhost:5432/atlas", "not a url")) {
      assertThat(notices(Map.of("database_url", url), POSTGRESQL)).as(url).singleElement().asString()
          .startsWith("storage.database_url (").contains("(postgresql at 127.0.0.1:5432/atlas)").contains("ATLAS_DB_URL")
          .doesNotContain("secret");
    }
    assertThat(notices(Map.of("database_url", "postgresql://atlas@localhost:5432/atlas"), H2)).singleElement().asString()
        .contains("(the embedded h2 database)").doesNotContain("/srv");
    assertThat(notices(Map.of("database_url", "postgresql://atlas@localhost:5432/atlas"), ServerDatabase.UNKNOWN))
        .as("a server that cannot tell its database cannot agree").hasSize(1);
  }

  @Test
  void thePoolsKeysAndTurningTheSchemaOffGetANoticeEach() {
    Map<String, Object> storage = new LinkedHashMap<>();
    storage.put("min_connections", 1);
    storage.put("max_connections", 5);
    storage.put("statement_timeout_seconds", 30.0);
    storage.put("apply_schema_on_connect", false);
    assertThat(notices(storage, POSTGRESQL)).extracting(n -> n.substring(0, n.indexOf(' '))).containsExactly(
        "storage.min_connections", "storage.max_connections", "storage.statement_timeout_seconds", "storage.apply_schema_on_connect:");
    assertThat(notices(Map.of("apply_schema_on_connect", true), POSTGRESQL)).as("the server migrates its schema anyway").isEmpty();
  }

  @Test
  void aProfileWithoutStorageHasNoNotice() {
    assertThat(StorageBlock.of(Map.of("agent", Map.of("type", "local"))).notices(H2)).isEmpty();
    assertThat(StorageBlock.of(null).notices(H2)).isEmpty();
  }

  @Test
  void theServersDatabaseIsNamedWithoutItsParametersOrFilePath() {
    assertThat(ServerDatabase.ofJdbcUrl("jdbc:postgresql://db:5432/atlas?user=a&password=hunter2").shown())
        .isEqualTo("postgresql at db:5432/atlas");
    assertThat(ServerDatabase.ofJdbcUrl("jdbc:postgresql://db/atlas").shown()).isEqualTo("postgresql at db:5432/atlas");
    assertThat(H2.shown()).isEqualTo("the embedded h2 database");
  }
}
