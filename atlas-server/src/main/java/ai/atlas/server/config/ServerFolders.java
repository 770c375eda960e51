package ai.atlas.server.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's folders that callers name files in (by a name inside them, see {@link ConfinedFile}):
 * exports, datasets and models, from MicroProfile Config.
 */
@ApplicationScoped
public class ServerFolders {

  @Inject
  @ConfigProperty(name = "atlas.export.dir", defaultValue = "exports")
  String exportDir;

  @Inject
  @ConfigProperty(name = "atlas.datasets.dir", defaultValue = "datasets")
  String datasetsDir;

  @Inject
  @ConfigProperty(name = "atlas.models.dir", defaultValue = "models")
  String modelsDir;

  ServerFolders() {}

  /** For code outside CDI (tests, tools): the three folders. */
  public ServerFolders(Path exports, Path datasets, Path models) {
    this.exportDir = exports.toString();
    this.datasetsDir = datasets.toString();
    this.modelsDir = models.toString();
  }

  public Path exports() {
    return Path.of(exportDir);
  }

  public Path datasets() {
    return Path.of(datasetsDir);
  }

  public Path models() {
    return Path.of(modelsDir);
  }
}
