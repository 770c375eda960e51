package ai.atlas.batch.export;

import ai.atlas.core.application.InvalidInputException;
import java.nio.file.Path;

/**
 * Where an export may write: inside the configured export folder only, so a job parameter can
 * never overwrite an arbitrary file of the server.
 */
public final class ExportTarget {

  private ExportTarget() {}

  /** The file for a name relative to the export folder, refused when it leaves the folder. */
  public static Path resolve(Path exportDir, String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("'output' is required: a file name inside the export folder");
    }
    Path root = exportDir.toAbsolutePath().normalize();
    Path target;
    try {
      target = root.resolve(name).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new InvalidInputException("'output' is not a valid file name: " + e.getMessage());
    }
    if (!target.startsWith(root) || target.equals(root)) {
      throw new InvalidInputException("'output' must name a file inside the export folder " + root);
    }
    return target;
  }
}
