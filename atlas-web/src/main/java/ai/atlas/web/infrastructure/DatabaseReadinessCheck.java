package ai.atlas.web.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers a query against the migrated schema: the newest applied
 * migration, which also shows which schema version the server runs on.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

  /** Flyway quotes its lower-case names on every database, so they are quoted here too. */
  private static final String NEWEST_MIGRATION =
      "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE"
          + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC";

  @Resource(lookup = "jdbc/atlas")
  private DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("database");
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setMaxRows(1);
      statement.setQueryTimeout(5);
      try (ResultSet rows = statement.executeQuery(NEWEST_MIGRATION)) {
        if (!rows.next()) {
          return response.down().withData("error", "no schema migration has been applied").build();
        }
        return response.up()
            .withData("database", connection.getMetaData().getDatabaseProductName())
            .withData("schemaVersion", rows.getString(1))
            .build();
      }
    } catch (SQLException e) {
      return response.down().withData("error", e.getMessage()).build();
    }
  }
}
