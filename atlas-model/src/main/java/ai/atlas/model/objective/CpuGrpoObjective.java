package ai.atlas.model.objective;

import java.util.stream.IntStream;

/**
 * The objective on the CPU, parallel over the B×T token rows (each row's softmax, log-prob and
 * gradient are independent); sums are taken in double in a fixed order, so results repeat exactly.
 */
public final class CpuGrpoObjective implements GrpoObjective {

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public GrpoResult compute(GrpoBatch batch, GrpoParams params) {
    int b = batch.b();
    int t = batch.t();
    int v = batch.v();
    double[] weights = weights(batch, params);
    float[] logp = new float[b * t];
    float[] dLogits = new float[b * t * v];
    TokenTerms terms = new TokenTerms(b * t);
    IntStream.range(0, b * t).parallel().forEach(row -> {
      int base = row * v;
      double invTemperature = 1.0 / params.temperature();
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < v; j++) {
        max = Math.max(max, batch.logits()[base + j] * invTemperature);
      }
      double sum = 0;
      for (int j = 0; j < v; j++) {
        sum += Math.exp(batch.logits()[base + j] * invTemperature - max);
      }
      double logNormaliser = max + Math.log(sum);
      int token = batch.tokens()[row];
      double lp = batch.logits()[base + token] * invTemperature - logNormaliser;
      logp[row] = (float) lp;
      double g = tokenTerms(batch, params, row, lp, terms);
      double scale = weights[row] * g * invTemperature;
      if (scale != 0) {
        for (int j = 0; j < v; j++) {
          double p = Math.exp(batch.logits()[base + j] * invTemperature - logNormaliser);
          dLogits[base + j] = (float) (scale * ((j == token ? 1 : 0) - p));
        }
      }
    });
    return terms.result(batch, weights, logp, dLogits);
  }

  /** Each token's loss, KL term and whether it was clipped, filled row by row by the passes. */
  public static final class TokenTerms {
    final double[] loss;
    final double[] k3;
    final boolean[] clipped;

    public TokenTerms(int rows) {
      loss = new double[rows];
      k3 = new double[rows];
      clipped = new boolean[rows];
    }

    /** The loss and the means over the active tokens, summed in row order so a pass repeats exactly. */
    public GrpoResult result(GrpoBatch batch, double[] weights, float[] logp, float[] dLogits) {
      double total = 0;
      double active = 0;
      double klSum = 0;
      double clippedSum = 0;
      for (int row = 0; row < loss.length; row++) {
        total += weights[row] * loss[row];
        double m = batch.mask()[row];
        active += m;
        klSum += m * k3[row];
        clippedSum += clipped[row] ? m : 0;
      }
      double denominator = Math.max(1, active);
      return new GrpoResult(logp, total, klSum / denominator, clippedSum / denominator, dLogits);
    }
  }

  /**
   * The per-token part of the objective once the token's log-prob {@code lp} is known: the clipped
   * ratio term and the k3 KL term go into {@code terms}; answers {@code g}, the loss's derivative
   * with respect to {@code lp} (zero where the ratio is clipped), shared by every backend.
   */
  public static double tokenTerms(GrpoBatch batch, GrpoParams params, int row, double lp, TokenTerms terms) {
    double old = batch.oldLogp() == null ? lp : batch.oldLogp()[row];
    double advantage = batch.advantages()[row / batch.t()];
    double ratio = Math.exp(lp - old);
    double clippedRatio = Math.min(Math.max(ratio, 1 - params.epsilonLow()), 1 + params.epsilonHigh());
    boolean isClipped = (advantage > 0 && ratio > 1 + params.epsilonHigh()) || (advantage < 0 && ratio < 1 - params.epsilonLow());
    double tokenLoss = -Math.min(ratio * advantage, clippedRatio * advantage);
    double g = isClipped ? 0 : -advantage * ratio;
    if (params.beta() != 0 && batch.refLogp() != null) {
      double delta = batch.refLogp()[row] - lp;
      double refRatio = Math.exp(delta);
      terms.k3[row] = refRatio - delta - 1;
      tokenLoss += params.beta() * terms.k3[row];
      g += params.beta() * (1 - refRatio);
    }
    terms.loss[row] = tokenLoss;
    terms.clipped[row] = isClipped;
    return g;
  }

  /** Each token's normalisation weight: the mask times the factor of the loss type. */
  public static double[] weights(GrpoBatch batch, GrpoParams params) {
    int b = batch.b();
    int t = batch.t();
    double[] weights = new double[b * t];
    double active = 0;
    for (float m : batch.mask()) {
      active += m;
    }
    for (int i = 0; i < b; i++) {
      double length = 0;
      for (int s = 0; s < t; s++) {
        length += batch.mask()[i * t + s];
      }
      for (int s = 0; s < t; s++) {
        double m = batch.mask()[i * t + s];
        weights[i * t + s] = m * switch (params.lossType()) {
          case GRPO -> 1.0 / (Math.max(1, length) * b);
          case BNPO -> 1.0 / Math.max(1, active);
          case DR_GRPO -> 1.0 / ((double) b * params.maxCompletionLength());
          case DAPO -> 1.0 / params.numItemsInBatch();
        };
      }
    }
    return weights;
  }
}
