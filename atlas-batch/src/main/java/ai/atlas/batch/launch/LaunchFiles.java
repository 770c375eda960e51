package ai.atlas.batch.launch;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.server.config.ConfinedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The checks on the files a job request names: inside their folder, and what they must be there. */
final class LaunchFiles {

  private LaunchFiles() {}

  /** An existing file of the datasets folder. */
  static Path dataset(Path datasets, String name, String field) {
    Path file = ConfinedFile.resolve(datasets, name, field, "datasets folder");
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("'" + field + "' names no file of the datasets folder: " + file);
    }
    return file;
  }

  /** The dataset's non-blank lines; none is bad input. */
  static long lines(Path dataset) {
    long lines;
    try (var all = Files.lines(dataset)) {
      lines = all.filter(l -> !l.isBlank()).count();
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidInputException("the dataset cannot be read: " + e.getMessage());
    }
    if (lines == 0) {
      throw new InvalidInputException("the dataset " + dataset.getFileName() + " has no lines");
    }
    return lines;
  }

  /** A checkpoint (a folder with config.json) of the models folder. */
  static Path checkpoint(Path models, String name, String field) {
    Path base = ConfinedFile.resolve(models, name, field, "models folder");
    if (!Files.isRegularFile(base.resolve("config.json"))) {
      throw new InvalidInputException("'" + field + "' names no checkpoint (a folder with config.json) of the models folder: " + base);
    }
    return base;
  }

  /** A new file of the datasets folder that a job writes first (the exported sessions), named by the time. */
  static Path exported(Path datasets, String prefix, Clock clock) {
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC).format(clock.instant());
    return datasets.toAbsolutePath().resolve(prefix + stamp + ".jsonl");
  }
}
