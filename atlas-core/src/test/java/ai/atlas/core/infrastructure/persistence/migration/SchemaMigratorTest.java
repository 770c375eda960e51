package ai.atlas.core.infrastructure.persistence.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaMigratorTest {

  static List<String> databases() {
    return TestDatabase.available();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void migratesAnEmptyDatabaseToTheCurrentSchema(String kind) throws SQLException {
    try (TestDatabase db = TestDatabase.create(kind)) {
      String version = new SchemaMigrator(db.dataSource()).migrate();

      assertThat(version).isEqualTo("17");
      assertThat(tables(db)).contains("sessions", "session_steps", "trajectory_events", "review_decisions", "users", "api_keys", "audit_log", "profiles", "session_feedback", "playbook_entries", "partition_work");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void migratingAgainChangesNothing(String kind) {
    try (TestDatabase db = TestDatabase.create(kind)) {
      String first = new SchemaMigrator(db.dataSource()).migrate();
      String second = new SchemaMigrator(db.dataSource()).migrate();
      assertThat(second).isEqualTo(first);
    }
  }

  @Test
  void theIndexListsExactlyTheMigrationFiles() throws IOException {
    Path folder = Path.of("src/main/resources/db/migration");
    List<String> onDisk;
    try (Stream<Path> files = Files.list(folder)) {
      onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
    }
    List<String> indexed = new IndexedMigrations(getClass().getClassLoader()).names();
    assertThat(indexed).containsExactlyInAnyOrderElementsOf(onDisk);
  }

  @Test
  void refusesDatabasesItDoesNotSupport() {
    assertThat(SchemaMigrator.placeholdersFor("PostgreSQL")).containsEntry("text", "TEXT");
    assertThat(SchemaMigrator.placeholdersFor("H2")).containsEntry("text", "CLOB");
    assertThatThrownBy(() -> SchemaMigrator.placeholdersFor("Apache Derby"))
        .hasMessageContaining("unsupported database Apache Derby");
  }

  private static List<String> tables(TestDatabase db) throws SQLException {
    try (Connection c = db.dataSource().getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      List<String> names = new ArrayList<>();
      try (ResultSet rows = meta.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
        while (rows.next()) {
          names.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
        }
      }
      return names;
    }
  }
}
