package ai.atlas.core.infrastructure.persistence.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database's schema up to the version this build expects. Runs at server start before
 * anything else touches the database, and in tests before repositories are used.
 */
public final class SchemaMigrator {

  private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

  private final DataSource dataSource;

  public SchemaMigrator(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Applies the pending migrations and returns the schema version now in place. */
  public String migrate() {
    ClassLoader loader = SchemaMigrator.class.getClassLoader();
    Flyway flyway =
        Flyway.configure(loader)
            .dataSource(dataSource)
            .resourceProvider(new IndexedMigrations(loader))
            .javaMigrationClassProvider(Collections::emptyList)
            .skipDefaultCallbacks(true)
            .placeholders(placeholdersFor(databaseProduct()))
            .cleanDisabled(true)
            .load();
    MigrateResult result = flyway.migrate();
    String version = flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
    LOG.info(() -> "Database schema at version " + version + " (" + result.migrationsExecuted
        + " migrations applied now)");
    return version;
  }

  /**
   * Placeholders for the few types that differ between the supported databases: {@code ${text}}
   * is unbounded text.
   */
  static Map<String, String> placeholdersFor(String databaseProduct) {
    String product = databaseProduct.toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return Map.of("text", "TEXT");
    }
    if (product.contains("h2")) {
      return Map.of("text", "CLOB");
    }
    throw new IllegalStateException(
        "unsupported database " + databaseProduct + ": ATLAS runs on H2 and PostgreSQL");
  }

  private String databaseProduct() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
    }
  }
}
