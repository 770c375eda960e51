package ai.atlas.model.grpo;

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
    double[] loss = new double[b * t];
    double[] k3 = new double[b * t];
    boolean[] clipped = new boolean[b * t];
    boolean kl = params.beta() != 0 && batch.refLogp() != null;
    IntStream.range(0, b * t).parallel().forEach(row -> {
      int i = row / t;
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
      double old = batch.oldLogp() == null ? lp : batch.oldLogp()[row];
      double advantage = batch.advantages()[i];
      double ratio = Math.exp(lp - old);
      double clippedRatio = Math.min(Math.max(ratio, 1 - params.epsilonLow()), 1 + params.epsilonHigh());
      boolean isClipped = (advantage > 0 && ratio > 1 + params.epsilonHigh()) || (advantage < 0 && ratio < 1 - params.epsilonLow());
      double tokenLoss = -Math.min(ratio * advantage, clippedRatio * advantage);
      double g = isClipped ? 0 : -advantage * ratio;
      if (kl) {
        double delta = batch.refLogp()[row] - lp;
        k3[row] = Math.exp(delta) - delta - 1;
        tokenLoss += params.beta() * k3[row];
        g += params.beta() * (1 - Math.exp(delta));
      }
      loss[row] = tokenLoss;
      clipped[row] = isClipped;
      double scale = weights[row] * g * invTemperature;
      if (scale != 0) {
        for (int j = 0; j < v; j++) {
          double p = Math.exp(batch.logits()[base + j] * invTemperature - logNormaliser);
          dLogits[base + j] = (float) (scale * ((j == token ? 1 : 0) - p));
        }
      }
    });
    double total = 0;
    double active = 0;
    double klSum = 0;
    double clippedSum = 0;
    for (int row = 0; row < b * t; row++) {
      total += weights[row] * loss[row];
      double m = batch.mask()[row];
      active += m;
      klSum += m * k3[row];
      clippedSum += clipped[row] ? m : 0;
    }
    double denominator = Math.max(1, active);
    return new GrpoResult(logp, total, klSum / denominator, clippedSum / denominator, dLogits);
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
