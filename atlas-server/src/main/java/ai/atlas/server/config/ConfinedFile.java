package ai.atlas.server.config;

import ai.atlas.core.common.InvalidInputException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A file named by a request, confined to a configured folder, so a job parameter can never read
 * or overwrite an arbitrary file of the server.
 */
public final class ConfinedFile {

  private ConfinedFile() {}

  /**
   * The file for a name relative to {@code folder}, refused (naming {@code field}) when it is
   * missing or leaves the folder.
   */
  public static Path resolve(Path folder, String name, String field, String folderLabel) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("'" + field + "' is required: a file name inside the " + folderLabel);
    }
    Path root = folder.toAbsolutePath().normalize();
    Path target;
    try {
      target = root.resolve(name).normalize();
    } catch (InvalidPathException e) {
      throw new InvalidInputException("'" + field + "' is not a valid file name: " + e.getMessage());
    }
    if (!target.startsWith(root) || target.equals(root)) {
      throw new InvalidInputException("'" + field + "' must name a file inside the " + folderLabel + " " + root);
    }
    return target;
  }
}
