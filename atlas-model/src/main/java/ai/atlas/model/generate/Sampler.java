package ai.atlas.model.generate;

import java.util.Arrays;
import java.util.Random;

/**
 * Picks the next token from a row of logits. The log-prob it reports is the token's under the
 * temperature-scaled distribution over the whole vocabulary (under the raw one when greedy),
 * before top-k and top-p narrow the choice: the policy's own probability, which is what GRPO's
 * importance ratios compare.
 */
public final class Sampler {

  /** A chosen token and its log-prob. */
  public record Choice(int token, double logProb) {}

  private final SamplingOptions options;
  private final Random random;

  public Sampler(SamplingOptions options) {
    this.options = options;
    this.random = new Random(options.seed());
  }

  public Choice next(float[] logits, int offset, int vocab) {
    double temperature = options.temperature() == 0 ? 1.0 : options.temperature();
    double[] scaled = new double[vocab];
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      scaled[v] = logits[offset + v] / temperature;
      max = Math.max(max, scaled[v]);
    }
    double sum = 0;
    for (int v = 0; v < vocab; v++) {
      sum += Math.exp(scaled[v] - max);
    }
    double logNormaliser = max + Math.log(sum);
    if (options.temperature() == 0) {
      int best = 0;
      for (int v = 1; v < vocab; v++) {
        if (scaled[v] > scaled[best]) {
          best = v;
        }
      }
      return new Choice(best, scaled[best] - logNormaliser);
    }
    if (options.topK() == 0 && options.topP() >= 1) {
      // nothing to narrow: draw from the whole distribution without sorting it
      double draw = random.nextDouble();
      int chosen = vocab - 1;
      for (int v = 0; v < vocab; v++) {
        draw -= Math.exp(scaled[v] - logNormaliser);
        if (draw <= 0) {
          chosen = v;
          break;
        }
      }
      return new Choice(chosen, scaled[chosen] - logNormaliser);
    }
    Integer[] order = new Integer[vocab];
    for (int v = 0; v < vocab; v++) {
      order[v] = v;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scaled[b], scaled[a]));
    int keep = options.topK() > 0 ? Math.min(options.topK(), vocab) : vocab;
    double[] probabilities = new double[keep];
    double mass = 0;
    int kept = 0;
    for (int i = 0; i < keep; i++) {
      double p = Math.exp(scaled[order[i]] - logNormaliser);
      probabilities[i] = p;
      mass += p;
      kept++;
      if (mass >= options.topP()) {
        break; // the nucleus: the fewest most likely tokens reaching top_p
      }
    }
    double draw = random.nextDouble() * mass;
    int chosen = order[kept - 1];
    for (int i = 0; i < kept; i++) {
      draw -= probabilities[i];
      if (draw <= 0) {
        chosen = order[i];
        break;
      }
    }
    return new Choice(chosen, scaled[chosen] - logNormaliser);
  }
}
