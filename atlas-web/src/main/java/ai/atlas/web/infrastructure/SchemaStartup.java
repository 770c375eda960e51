package ai.atlas.web.infrastructure;

import ai.atlas.batch.config.InstalledPlugins;
import ai.atlas.core.infrastructure.persistence.migration.SchemaMigrator;
import ai.atlas.web.infrastructure.security.AdministratorBootstrap;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/**
 * Migrates the database schema when the application starts, before it serves a request, then
 * makes sure an administrator can sign in and loads the plugins. A migration that fails stops the application from
 * starting rather than serve a half-built schema.
 */
@ApplicationScoped
public class SchemaStartup {

  @Resource(lookup = "jdbc/atlas")
  private DataSource dataSource;

  @Inject AdministratorBootstrap administrator;
  @Inject InstalledPlugins plugins;

  private volatile String schemaVersion = "unknown";

  void migrate(@Observes @Initialized(ApplicationScoped.class) Object event) {
    schemaVersion = new SchemaMigrator(dataSource).migrate();
    administrator.run();
    plugins.rescan(); // each plugin's load is logged; failures are kept per plugin, never thrown
  }

  /** The schema version applied at start-up. */
  public String schemaVersion() {
    return schemaVersion;
  }
}
