package ai.atlas.web.interfaces.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Liberty's job logs (batchJobLogging): {@code <root>/<job>/<date>/instance.<id>/execution.<id>/}
 * holds {@code part.N.log} files for the job's top-level thread, and subfolders for partitions and
 * split flows. Read here as one text, parts in order, top level first.
 */
final class JobLogs {

  /** The most of a log one request returns: its end, when it is longer. */
  static final int MAX_BYTES = 2 * 1024 * 1024;
  private static final Pattern PART = Pattern.compile("part\\.(\\d+)\\.log");

  private final Path root;

  JobLogs(Path root) {
    this.root = root;
  }

  /** The folder of an execution's log, if the server wrote one. */
  Optional<Path> executionFolder(String jobName, long instanceId, long executionId) {
    Path job = root.resolve(jobName);
    if (!Files.isDirectory(job)) {
      return Optional.empty();
    }
    try (Stream<Path> dates = Files.list(job)) {
      return dates.map(date -> date.resolve("instance." + instanceId).resolve("execution." + executionId))
          .filter(Files::isDirectory).findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The instance's folders (one per date it ran on), for a purge. */
  List<Path> instanceFolders(String jobName, long instanceId) {
    Path job = root.resolve(jobName);
    if (!Files.isDirectory(job)) {
      return List.of();
    }
    try (Stream<Path> dates = Files.list(job)) {
      return dates.map(date -> date.resolve("instance." + instanceId)).filter(Files::isDirectory).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The folder's log parts, top level first, then each subfolder's, each in part order. */
  static String read(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      List<Path> parts = files.filter(f -> PART.matcher(f.getFileName().toString()).matches())
          .sorted(Comparator.comparing((Path f) -> folder.relativize(f).getNameCount())
              .thenComparing(f -> folder.relativize(f).getParent() == null ? "" : folder.relativize(f).getParent().toString())
              .thenComparingInt(JobLogs::partNumber))
          .toList();
      StringBuilder text = new StringBuilder();
      for (Path part : parts) {
        Path relative = folder.relativize(part);
        if (relative.getNameCount() > 1) {
          text.append("==== ").append(relative.getParent()).append(" ====\n");
        }
        text.append(Files.readString(part, StandardCharsets.UTF_8));
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      if (bytes.length <= MAX_BYTES) {
        return text.toString();
      }
      return "[... the first " + (bytes.length - MAX_BYTES) + " bytes are left out ...]\n"
          + new String(bytes, bytes.length - MAX_BYTES, MAX_BYTES, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int partNumber(Path file) {
    Matcher m = PART.matcher(file.getFileName().toString());
    return m.matches() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** Deletes a folder and everything in it. */
  static void delete(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
