package ai.atlas.model.io;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A new, untrained checkpoint for a config: weights drawn from N(0, 0.02) (the output projections
 * of each layer scaled down by √(2·layers), so the residual stream does not grow with depth),
 * norms at 1, biases at 0. The same seed gives the same weights.
 */
public final class ModelInit {

  private ModelInit() {}

  public static Checkpoint initialise(ModelConfig config, long seed) {
    Random random = new Random(seed);
    double residualScale = 1.0 / Math.sqrt(2.0 * config.numLayers());
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : Checkpoint.expectedShapes(config).entrySet()) {
      String name = e.getKey();
      int size = 1;
      for (int d : e.getValue()) {
        size *= d;
      }
      float[] values = new float[size];
      if (name.endsWith("norm.weight")) {
        java.util.Arrays.fill(values, 1f);
      } else if (!name.endsWith(".bias")) {
        double std = 0.02 * (name.endsWith("o_proj.weight") || name.endsWith("down_proj.weight") ? residualScale : 1.0);
        for (int i = 0; i < size; i++) {
          values[i] = (float) (random.nextGaussian() * std);
        }
      }
      tensors.put(name, new Tensor(name, e.getValue(), values, DType.F32));
    }
    return new Checkpoint(config, tensors);
  }
}
