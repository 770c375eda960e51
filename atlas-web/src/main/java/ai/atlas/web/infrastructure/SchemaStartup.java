package ai.atlas.web.infrastructure;

import ai.atlas.core.application.jobs.PartitionRunner;
import ai.atlas.core.infrastructure.persistence.migration.SchemaMigrator;
import ai.atlas.core.profile.ProfileImport;
import ai.atlas.core.profile.ProfileService;
import ai.atlas.core.runtime.SessionQueue;
import ai.atlas.core.runtime.SessionRecorder;
import ai.atlas.server.plugins.InstalledPlugins;
import ai.atlas.web.infrastructure.security.AdministratorBootstrap;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Migrates the database schema when the application starts, before it serves a request, then
 * makes sure an administrator can sign in, loads the plugins, imports the profiles folder and
 * starts the session queue (sessions queued before a restart run then) and the batch partition
 * runner. A
 * migration that fails stops the application from starting rather than serve a half-built schema.
 */
@ApplicationScoped
public class SchemaStartup {

  private static final Logger LOG = Logger.getLogger(SchemaStartup.class.getName());

  @Resource(lookup = "jdbc/atlas")
  private DataSource dataSource;

  @Inject AdministratorBootstrap administrator;
  @Inject InstalledPlugins plugins;
  @Inject ProfileService profiles;
  @Inject SessionRecorder recorder;
  @Inject SessionQueue queue;
  @Inject InterruptedTraining training;
  @Inject PartitionRunner partitions;

  @Inject
  @ConfigProperty(name = "atlas.profiles.dir", defaultValue = "profiles")
  String profilesDir;

  private volatile String schemaVersion = "unknown";

  void migrate(@Observes @Initialized(ApplicationScoped.class) Object event) {
    schemaVersion = new SchemaMigrator(dataSource).migrate();
    int interrupted = recorder.failInterrupted();
    if (interrupted > 0) {
      LOG.warning(interrupted + " sessions were running when the server stopped; they are now failed");
    }
    administrator.run();
    plugins.rescan(); // each plugin's load is logged; failures are kept per plugin, never thrown
    for (ProfileImport result : profiles.importFolder(Path.of(profilesDir).toAbsolutePath())) {
      if (result.error() != null) {
        LOG.warning("Profile file " + result.file() + " was not imported: " + result.error());
      } else {
        LOG.info("Profile file " + result.file() + ": " + result.outcome());
      }
    }
    queue.start(); // last: queued sessions run with the plugins and profiles loaded
    training.start(); // training jobs this server was running when it went down resume from their last step
    partitions.start(); // batch partitions any server sharing the database dispatched
  }

  /** The schema version applied at start-up. */
  public String schemaVersion() {
    return schemaVersion;
  }
}
