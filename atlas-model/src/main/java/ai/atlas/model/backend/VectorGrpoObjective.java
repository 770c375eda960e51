package ai.atlas.model.backend;

import ai.atlas.model.grpo.CpuGrpoObjective;
import ai.atlas.model.grpo.GrpoBatch;
import ai.atlas.model.grpo.GrpoObjective;
import ai.atlas.model.grpo.GrpoParams;
import ai.atlas.model.grpo.GrpoResult;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused GRPO objective on the Vector API: per token row, one pass for the maximum, one that
 * writes {@code exp(x/T - max)} into the gradient's row and sums it (the only {@code exp}), and
 * one that scales that row in place into {@code scale * (onehot - p)}; a row of the vocabulary
 * stays in the cache between its passes, so memory sees the logits read once and the gradient
 * written once. The per-row scalar part
 * (ratio, clipping, KL) is {@link CpuGrpoObjective}'s. Lane sums are reduced in a fixed order, so
 * results repeat exactly; they differ from the double-precision CPU objective in the last bits
 * and are tested against it with tolerances.
 */
public final class VectorGrpoObjective implements GrpoObjective {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Override
  public String name() {
    return "cpu-vector";
  }

  @Override
  public GrpoResult compute(GrpoBatch batch, GrpoParams params) {
    int b = batch.b();
    int t = batch.t();
    int v = batch.v();
    double[] weights = CpuGrpoObjective.weights(batch, params);
    float[] logits = batch.logits();
    float[] logp = new float[b * t];
    float[] dLogits = new float[b * t * v];
    CpuGrpoObjective.TokenTerms terms = new CpuGrpoObjective.TokenTerms(b * t);
    float invTemperature = (float) (1.0 / params.temperature());
    int bound = S.loopBound(v);
    IntStream.range(0, b * t).parallel().forEach(row -> {
      int base = row * v;
      float max = max(logits, base, v, bound, invTemperature);
      // the exponentials go into the gradient's row, which the last pass scales in place
      double sum = exponentials(logits, dLogits, base, v, bound, invTemperature, max);
      double logNormaliser = max + Math.log(sum);
      int token = batch.tokens()[row];
      double lp = logits[base + token] * (double) invTemperature - logNormaliser;
      logp[row] = (float) lp;
      double g = CpuGrpoObjective.tokenTerms(batch, params, row, lp, terms);
      double scale = weights[row] * g * invTemperature;
      if (scale != 0) {
        scaleRow(dLogits, base, v, bound, (float) (-scale / sum));
        dLogits[base + token] += (float) scale;
      } else {
        java.util.Arrays.fill(dLogits, base, base + v, 0f);
      }
    });
    return terms.result(batch, weights, logp, dLogits);
  }

  private static float max(float[] logits, int base, int v, int bound, float invTemperature) {
    FloatVector best = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
    int j = 0;
    for (; j < bound; j += L) {
      best = best.max(FloatVector.fromArray(S, logits, base + j));
    }
    float max = best.reduceLanes(VectorOperators.MAX);
    for (; j < v; j++) {
      max = Math.max(max, logits[base + j]);
    }
    // the temperature is positive, so the scaled maximum is the scaled largest logit
    return max * invTemperature;
  }

  /** Writes {@code exp(x/T - max)} into {@code e}'s row and answers its sum; lanes are summed in a fixed order. */
  private static double exponentials(float[] logits, float[] e, int base, int v, int bound, float invTemperature, float max) {
    FloatVector sum = FloatVector.zero(S);
    FloatVector scale = FloatVector.broadcast(S, invTemperature);
    FloatVector shift = FloatVector.broadcast(S, -max);
    int j = 0;
    for (; j < bound; j += L) {
      FloatVector x = FloatVector.fromArray(S, logits, base + j).fma(scale, shift).lanewise(VectorOperators.EXP);
      x.intoArray(e, base + j);
      sum = sum.add(x);
    }
    double total = 0;
    for (int lane = 0; lane < L; lane++) {
      total += sum.lane(lane);
    }
    for (; j < v; j++) {
      float x = (float) Math.exp(logits[base + j] * invTemperature - max);
      e[base + j] = x;
      total += x;
    }
    return total;
  }

  /** {@code d[j] *= factor} over the row: with {@code -scale / sum}, {@code -scale * p[j]}. */
  private static void scaleRow(float[] d, int base, int v, int bound, float factor) {
    FloatVector f = FloatVector.broadcast(S, factor);
    int j = 0;
    for (; j < bound; j += L) {
      FloatVector.fromArray(S, d, base + j).mul(f).intoArray(d, base + j);
    }
    for (; j < v; j++) {
      d[base + j] *= factor;
    }
  }
}
