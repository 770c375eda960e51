package ai.atlas.batch.train;

import ai.atlas.model.backend.ReferenceBackend;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.train.TrainingState;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * A training run's result as a model of the models folder: the base's config and tokenizer files
 * with the weights of the run's last state, in the Hugging Face layout, and {@code training.json}
 * saying which job made it from what (the models API lists it), so a profile can use it by its path.
 */
public final class FinishedModel {

  /** The file beside the weights that says how the model was made. */
  public static final String PROVENANCE = "training.json";

  private static final String[] COPIED = {"tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json"};

  private FinishedModel() {}

  /** Writes the output checkpoint from the state of {@code steps} (the base as it is when 0) and its provenance. */
  public static void write(TrainingRun run, int steps, JsonObject provenance) throws IOException {
    Checkpoint checkpoint = Checkpoint.load(run.base());
    if (steps > 0) {
      Transformer model = Transformer.load(checkpoint, new ReferenceBackend());
      TrainingState.restoreWeights(run.state(steps), model);
    }
    checkpoint.save(run.output(), 2L << 30);
    for (String file : COPIED) {
      if (Files.isRegularFile(run.base().resolve(file))) {
        Files.copy(run.base().resolve(file), run.output().resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.writeString(run.output().resolve(PROVENANCE), provenance.toString(), StandardCharsets.UTF_8);
  }

  /** Removes the run's work folder once its model is written. */
  public static void cleanUp(TrainingRun run) throws IOException {
    if (Files.exists(run.work())) {
      TrainingState.delete(run.work());
    }
  }
}
