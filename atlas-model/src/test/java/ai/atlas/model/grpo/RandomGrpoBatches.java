package ai.atlas.model.grpo;

import ai.atlas.model.objective.GrpoBatch;
import java.util.Random;

/** Random GRPO batches for tests and benchmarks: Gaussian logits, random tokens and advantages. */
public final class RandomGrpoBatches {

  private RandomGrpoBatches() {}

  /**
   * A batch with logits of standard deviation {@code spread}, a fifth of the tokens masked when
   * {@code masked}, and the old and reference log-probs {@code -log V} (the caller may replace them).
   */
  public static GrpoBatch of(Random random, int b, int t, int v, double spread, boolean masked) {
    float[] logits = new float[b * t * v];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) (random.nextGaussian() * spread);
    }
    int[] tokens = new int[b * t];
    float[] mask = new float[b * t];
    float[] old = new float[b * t];
    float[] ref = new float[b * t];
    for (int i = 0; i < b * t; i++) {
      tokens[i] = random.nextInt(v);
      mask[i] = masked && random.nextInt(5) == 0 ? 0 : 1;
      old[i] = (float) -Math.log(v);
      ref[i] = (float) -Math.log(v);
    }
    float[] advantages = new float[b];
    for (int i = 0; i < b; i++) {
      advantages[i] = (float) random.nextGaussian();
    }
    return new GrpoBatch(b, t, v, logits, tokens, mask, advantages, old, ref);
  }
}
