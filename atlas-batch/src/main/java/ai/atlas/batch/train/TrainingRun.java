package ai.atlas.batch.train;

import ai.atlas.model.tokenizer.BpeTokenizer;
import ai.atlas.model.tokenizer.ByteTokenizer;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.model.tokenizer.Tokenizer;
import ai.atlas.model.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folders of one training run: the base checkpoint, the output, and the work folder where
 * its states are saved, one folder per step ({@code step-N}).
 */
public record TrainingRun(Path base, Path output, Path work) {

  /** The run of a job instance: its work folder is {@code <modelsDir>/.work/<kind>-<instance>}. */
  public static TrainingRun of(String kind, String base, String output, String modelsDir, long instanceId) {
    return new TrainingRun(Path.of(base), Path.of(output), workFolder(kind, modelsDir, instanceId));
  }

  /** Where a job instance saves its step states; it exists once the instance has taken a step. */
  public static Path workFolder(String kind, String modelsDir, long instanceId) {
    return Path.of(modelsDir).resolve(".work").resolve(kind + "-" + instanceId);
  }

  public Tokenizer tokenizer() {
    Path file = base.resolve("tokenizer.json");
    return Files.isRegularFile(file) ? BpeTokenizer.load(file) : new ByteTokenizer();
  }

  public ChatFormat format() {
    return ChatFormat.of(base);
  }

  public Path state(int step) {
    return work.resolve("step-" + step);
  }

  /** Deletes the saved states of steps before {@code oldest}. */
  public void keepStatesFrom(int oldest) throws IOException {
    try (var states = Files.list(work)) {
      for (Path old : states.filter(p -> p.getFileName().toString().matches("step-\\d+")).toList()) {
        if (Integer.parseInt(old.getFileName().toString().substring("step-".length())) < oldest) {
          TrainingState.delete(old);
        }
      }
    }
  }
}
