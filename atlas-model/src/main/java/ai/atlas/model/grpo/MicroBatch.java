package ai.atlas.model.grpo;

import ai.atlas.model.nn.TrainingPass;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.objective.GrpoBatch;
import ai.atlas.model.objective.LossType;
import java.util.List;

/**
 * Completions {@code [from, to)} of a step, as one {@link GrpoBatch}: the completions of a prompt
 * run through the model packed after it ({@link PromptPack}), and the logits rows that predict
 * their tokens are gathered into a B×T×V block padded to the longest completion (padding is masked
 * out). The gradient the objective answers goes back through the same passes.
 */
final class MicroBatch {

  private final List<Rollout> rollouts;
  private final float[][] masks;
  private final double[] advantages;
  private final int from;
  private final int b;
  private final int t;
  private final List<PromptPack> packs;
  private int v;
  private float[] logits;

  MicroBatch(List<Rollout> rollouts, float[][] masks, double[] advantages, int from, int to) {
    this.rollouts = rollouts;
    this.masks = masks;
    this.advantages = advantages;
    this.from = from;
    this.b = to - from;
    int longest = 1;
    for (int i = from; i < to; i++) {
      longest = Math.max(longest, rollouts.get(i).completionTokens().length);
    }
    this.t = longest;
    this.packs = PromptPack.of(rollouts, from, to);
  }

  /** Runs the policy over each pack of completions, keeping the passes for the backward, and gathers the logits. */
  TrainingPass[] forward(Transformer policy) {
    v = policy.config().vocabSize();
    logits = new float[b * t * v];
    TrainingPass[] passes = new TrainingPass[packs.size()];
    for (int k = 0; k < passes.length; k++) {
      PromptPack pack = packs.get(k);
      passes[k] = new TrainingPass(policy);
      float[] all = passes[k].forwardLogits(pack.tokens, pack.layout);
      for (int i = 0; i < pack.count; i++) {
        int[] rows = pack.rows[i];
        int at = (pack.first - from + i) * t * v;
        for (int s = 0; s < rows.length; s++) {
          System.arraycopy(all, rows[s] * v, logits, at + s * v, v);
        }
      }
    }
    return passes;
  }

  /** The reference model's log-probs of each completion's tokens, at the temperature, into {@code out} by completion. */
  void referenceLogProbs(Transformer reference, double temperature, float[][] out) {
    for (PromptPack pack : packs) {
      float[] all = new TrainingPass(reference).forwardLogits(pack.tokens, pack.layout);
      for (int i = 0; i < pack.count; i++) {
        int[] completion = rollouts.get(pack.first + i).completionTokens();
        float[] logp = new float[completion.length];
        for (int s = 0; s < completion.length; s++) {
          logp[s] = (float) logProb(all, pack.rows[i][s] * v, v, completion[s], temperature);
        }
        out[pack.first + i] = logp;
      }
    }
  }

  static double logProb(float[] logits, int offset, int v, int token, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < v; j++) {
      max = Math.max(max, logits[offset + j] / temperature);
    }
    double sum = 0;
    for (int j = 0; j < v; j++) {
      sum += Math.exp(logits[offset + j] / temperature - max);
    }
    return logits[offset + token] / temperature - max - Math.log(sum);
  }

  /** The batch for the objective; {@code old} and {@code ref} by completion, or null. */
  GrpoBatch batch(float[][] old, float[][] ref) {
    int[] tokens = new int[b * t];
    float[] mask = new float[b * t];
    float[] adv = new float[b];
    float[] oldLogp = padded(old);
    float[] refLogp = padded(ref);
    for (int i = 0; i < b; i++) {
      Rollout r = rollouts.get(from + i);
      System.arraycopy(r.completionTokens(), 0, tokens, i * t, r.completionTokens().length);
      System.arraycopy(masks[from + i], 0, mask, i * t, masks[from + i].length);
      adv[i] = (float) advantages[from + i];
    }
    return new GrpoBatch(b, t, v, logits, tokens, mask, adv, oldLogp, refLogp);
  }

  private float[] padded(float[][] byCompletion) {
    if (byCompletion == null || byCompletion[from] == null) {
      return null;
    }
    float[] out = new float[b * t];
    for (int i = 0; i < b; i++) {
      System.arraycopy(byCompletion[from + i], 0, out, i * t, byCompletion[from + i].length);
    }
    return out;
  }

  /** Keeps each completion's log-probs (unpadded) into {@code out}. */
  void keep(float[] logp, float[][] out) {
    for (int i = 0; i < b; i++) {
      int length = rollouts.get(from + i).completionTokens().length;
      float[] kept = new float[length];
      System.arraycopy(logp, i * t, kept, 0, length);
      out[from + i] = kept;
    }
  }

  /**
   * The factor that turns this micro-batch's normalisation into the whole batch's: the objective
   * normalises over what it is given, the step's loss over all {@code n} completions.
   */
  double share(int n, double totalActive, LossType lossType) {
    return switch (lossType) {
      case GRPO, DR_GRPO -> b / (double) n;
      case BNPO -> totalActive == 0 ? 0 : Math.max(1, active()) / totalActive;
      case DAPO -> 1.0; // already normalised by the whole batch's active tokens
    };
  }

  double active() {
    double sum = 0;
    for (int i = 0; i < b; i++) {
      for (float m : masks[from + i]) {
        sum += m;
      }
    }
    return sum;
  }

  /** The sum over active tokens of the policy's entropy at the temperature. */
  double entropy(double temperature) {
    double sum = 0;
    for (int i = 0; i < b; i++) {
      float[] mask = masks[from + i];
      for (int s = 0; s < mask.length; s++) {
        if (mask[s] == 0) {
          continue;
        }
        int offset = (i * t + s) * v;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < v; j++) {
          max = Math.max(max, logits[offset + j] / temperature);
        }
        double z = 0;
        double weighted = 0;
        for (int j = 0; j < v; j++) {
          double x = logits[offset + j] / temperature - max;
          double e = Math.exp(x);
          z += e;
          weighted += e * x;
        }
        sum += mask[s] * (Math.log(z) - weighted / z);
      }
    }
    return sum;
  }

  /**
   * Sends each completion's rows of {@code dLogits}, times {@code scale}, back through its pack's
   * pass; the prompt's last row, shared by a pack's completions, gets the sum of their gradients.
   */
  void backward(TrainingPass[] passes, float[] dLogits, float scale, Transformer.Weights grads) {
    for (int k = 0; k < passes.length; k++) {
      PromptPack pack = packs.get(k);
      float[] full = new float[pack.tokens.length * v];
      boolean any = false;
      for (int i = 0; i < pack.count; i++) {
        int[] rows = pack.rows[i];
        int at = (pack.first - from + i) * t * v;
        for (int s = 0; s < rows.length; s++) {
          int row = rows[s] * v;
          int source = at + s * v;
          for (int j = 0; j < v; j++) {
            float g = dLogits[source + j] * scale;
            full[row + j] += g;
            any |= g != 0f;
          }
        }
      }
      if (any) {
        passes[k].backwardLogits(full, grads);
      }
    }
  }
}
