package ai.atlas.batch.train;

import ai.atlas.core.application.jobs.ModelFolder;
import ai.atlas.model.io.ModelConfig;
import ai.atlas.server.config.ServerFolders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The server's models folder, read with the model engine's config parser. */
@ApplicationScoped
public class CheckpointFolder implements ModelFolder {

  @Inject ServerFolders folders;

  @Override
  public List<Checkpoint> checkpoints() {
    Path root = folders.models();
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Checkpoint> found = new ArrayList<>();
    try (Stream<Path> configs = Files.walk(root, 4)) {
      for (Path config : configs.filter(p -> p.getFileName().toString().equals("config.json"))
          .filter(p -> !root.relativize(p).startsWith(".work")).sorted(Comparator.naturalOrder()).toList()) {
        describe(root, config.getParent()).ifPresent(found::add);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("cannot list the models folder: " + e.getMessage(), e);
    }
    return found;
  }

  @Override
  public boolean hasWork(String job, String modelsDir, long instanceId) {
    return Files.isDirectory(TrainingRun.workFolder(job, modelsDir, instanceId));
  }

  private static Optional<Checkpoint> describe(Path root, Path dir) {
    try {
      ModelConfig config = ModelConfig.parse(Files.readString(dir.resolve("config.json"), StandardCharsets.UTF_8));
      long bytes = 0;
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".safetensors")).toList()) {
          bytes += Files.size(f);
        }
      }
      Path provenance = dir.resolve(FinishedModel.PROVENANCE);
      String training = Files.isRegularFile(provenance) ? Files.readString(provenance, StandardCharsets.UTF_8) : null;
      String name = root.relativize(dir).toString().replace('\\', '/');
      return Optional.of(new Checkpoint(name, dir.toString(), config.architecture(), config.numLayers(), config.hiddenSize(),
          config.vocabSize(), config.maxPositions(), bytes, training));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a folder that is not a readable checkpoint is not a model
    }
  }
}
