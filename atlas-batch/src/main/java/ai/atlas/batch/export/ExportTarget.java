package ai.atlas.batch.export;

import ai.atlas.server.config.ConfinedFile;
import java.nio.file.Path;

/**
 * Where an export may write: inside the configured export folder only, so a job parameter can
 * never overwrite an arbitrary file of the server.
 */
public final class ExportTarget {

  private ExportTarget() {}

  /** The file for a name relative to the export folder, refused when it leaves the folder. */
  public static Path resolve(Path exportDir, String name) {
    return ConfinedFile.resolve(exportDir, name, "output", "export folder");
  }
}
