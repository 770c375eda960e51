package ai.atlas.batch.pipeline;

import ai.atlas.model.ModelException;
import ai.atlas.model.grpo.GrpoDataset;
import ai.atlas.model.grpo.GrpoPrompt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of tasks with their reference answers, in the grpo job's prompt layouts
 * ({@code {"prompt": "...", "answer": "..."}}, chat messages, or an exported session line).
 */
public final class TaskFile {

  /** A task and the answer that counts as right. */
  public record Task(String task, String reference) {}

  private TaskFile() {}

  public static List<Task> read(Path file, int limit) {
    List<Task> tasks = new ArrayList<>();
    try (var lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long number = 0;
      while ((line = lines.readLine()) != null && tasks.size() < limit) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        GrpoPrompt prompt = GrpoDataset.parse(line, number);
        if (prompt.answer() == null || prompt.answer().isBlank()) {
          throw new IllegalStateException(file.getFileName() + " line " + number + " has no reference answer");
        }
        tasks.add(new Task(prompt.question(), prompt.answer()));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    } catch (ModelException e) {
      throw new IllegalStateException(file.getFileName() + ": " + e.getMessage(), e);
    }
    return tasks;
  }
}
