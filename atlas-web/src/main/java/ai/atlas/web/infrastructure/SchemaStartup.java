package ai.atlas.web.infrastructure;

import ai.atlas.core.infrastructure.persistence.migration.SchemaMigrator;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;

/**
 * Migrates the database schema when the application starts, before it serves a request. A
 * migration that fails stops the application from starting rather than serve a half-built schema.
 */
@ApplicationScoped
public class SchemaStartup {

  @Resource(lookup = "jdbc/atlas")
  private DataSource dataSource;

  private volatile String schemaVersion = "unknown";

  void migrate(@Observes @Initialized(ApplicationScoped.class) Object event) {
    schemaVersion = new SchemaMigrator(dataSource).migrate();
  }

  /** The schema version applied at start-up. */
  public String schemaVersion() {
    return schemaVersion;
  }
}
