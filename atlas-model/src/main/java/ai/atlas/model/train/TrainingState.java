package ai.atlas.model.train;

import ai.atlas.model.ModelException;
import ai.atlas.model.io.DType;
import ai.atlas.model.io.SafeTensors;
import ai.atlas.model.io.Tensor;
import ai.atlas.model.nn.Transformer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Everything a training run needs to continue exactly where it stopped: the weights, AdamW's
 * moments and step count, and the run's own counters (step, data position, RNG seed and epoch)
 * as properties. Written to a new folder and renamed into place, so a crash mid-write leaves the
 * previous state intact.
 */
public final class TrainingState {

  private static final String WEIGHTS = "weights.safetensors";
  private static final String MOMENTS = "optimizer.safetensors";
  private static final String COUNTERS = "state.properties";

  private TrainingState() {}

  public static void save(Path dir, Transformer model, AdamW optimizer, Properties counters) {
    save(dir, model, optimizer, counters, Map.of());
  }

  /**
   * Saves the state with other models' weights beside it (a GRPO run's reference model), each as
   * {@code <name>.safetensors}, restored by {@link #restoreModel}.
   */
  public static void save(Path dir, Transformer model, AdamW optimizer, Properties counters, Map<String, Transformer> others) {
    Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
    try {
      delete(partial);
      Files.createDirectories(partial);
      writeWeights(partial.resolve(WEIGHTS), model);
      for (Map.Entry<String, Transformer> other : others.entrySet()) {
        writeWeights(partial.resolve(other.getKey() + ".safetensors"), other.getValue());
      }
      List<Tensor> moments = new ArrayList<>();
      float[][] first = optimizer.firstMoments();
      float[][] second = optimizer.secondMoments();
      for (int p = 0; p < first.length; p++) {
        moments.add(new Tensor("m." + p, new int[] {first[p].length}, first[p], DType.F32));
        moments.add(new Tensor("v." + p, new int[] {second[p].length}, second[p], DType.F32));
      }
      SafeTensors.write(partial.resolve(MOMENTS), moments, Map.of());
      Properties all = new Properties();
      all.putAll(counters);
      all.setProperty("optimizer.steps", Long.toString(optimizer.steps()));
      try (OutputStream out = Files.newOutputStream(partial.resolve(COUNTERS))) {
        all.store(out, "ATLAS training state");
      }
      delete(dir);
      try {
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, dir);
      }
    } catch (IOException e) {
      throw new ModelException("cannot save the training state to " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void writeWeights(Path file, Transformer model) {
    SafeTensors.write(file, model.tensors().values().stream().map(t -> new Tensor(t.name(), t.shape(), t.data(), DType.F32)).toList(),
        Map.of());
  }

  /** Loads the weights and the optimizer's state into the run's objects and answers its counters. */
  public static Properties restore(Path dir, Transformer model, AdamW optimizer) {
    restoreWeights(dir, model);
    Map<String, SafeTensors.Entry> moments = SafeTensors.header(dir.resolve(MOMENTS));
    int count = optimizer.firstMoments().length;
    float[][] first = new float[count][];
    float[][] second = new float[count][];
    for (int p = 0; p < count; p++) {
      first[p] = SafeTensors.read(dir.resolve(MOMENTS), moments.get("m." + p)).data();
      second[p] = SafeTensors.read(dir.resolve(MOMENTS), moments.get("v." + p)).data();
    }
    Properties counters = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve(COUNTERS))) {
      counters.load(in);
    } catch (IOException e) {
      throw new ModelException("cannot read the training state in " + dir + ": " + e.getMessage(), e);
    }
    optimizer.restore(Long.parseLong(counters.getProperty("optimizer.steps")), first, second);
    return counters;
  }

  /** Loads just the weights of a saved state into the model's tensors. */
  public static void restoreWeights(Path dir, Transformer model) {
    readWeights(dir.resolve(WEIGHTS), model);
  }

  /** Loads the weights of a model saved beside the state under {@code name}. */
  public static void restoreModel(Path dir, String name, Transformer model) {
    readWeights(dir.resolve(name + ".safetensors"), model);
  }

  private static void readWeights(Path file, Transformer model) {
    Path dir = file.getParent();
    Map<String, SafeTensors.Entry> weights = SafeTensors.header(file);
    for (Tensor t : model.tensors().values()) {
      SafeTensors.Entry entry = weights.get(t.name());
      if (entry == null) {
        throw new ModelException("the training state in " + dir + " has no " + t.name());
      }
      float[] saved = SafeTensors.read(file, entry).data();
      System.arraycopy(saved, 0, t.data(), 0, t.data().length);
    }
  }

  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(COUNTERS));
  }

  /** Deletes a state folder (or any folder tree); nothing when it is not there. */
  public static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
