package ai.atlas.model.backend;

import ai.atlas.model.objective.CpuGrpoObjective;
import ai.atlas.model.objective.GrpoBatch;
import ai.atlas.model.objective.GrpoObjective;
import ai.atlas.model.objective.GrpoParams;
import ai.atlas.model.objective.GrpoResult;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
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
    return compute(batch, params, null);
  }

  @Override
  public GrpoResult compute(GrpoBatch batch, GrpoParams params, float[] gradient) {
    int b = batch.b();
    int t = batch.t();
    int v = batch.v();
    double[] weights = CpuGrpoObjective.weights(batch, params);
    float[] logits = batch.logits();
    float[] logp = new float[b * t];
    float[] dLogits = gradient != null && gradient.length == b * t * v ? gradient : new float[b * t * v];
    CpuGrpoObjective.TokenTerms terms = new CpuGrpoObjective.TokenTerms(b * t);
    float invTemperature = (float) (1.0 / params.temperature());
    int bound = S.loopBound(v);
    int rows = b * t;
    int parts = (long) rows * v < 1 << 16 ? 1 : Math.min(HelperThreads.shared().threads(), rows);
    HelperThreads.shared().run(parts, part -> {
      float[] scratch = new float[L];
      for (int row = rows * part / parts, end = rows * (part + 1) / parts; row < end; row++) {
        row(batch, params, row, v, bound, invTemperature, weights, logits, logp, dLogits, terms, scratch);
      }
    });
    return terms.result(batch, weights, logp, dLogits);
  }

  private static void row(GrpoBatch batch, GrpoParams params, int row, int v, int bound, float invTemperature, double[] weights,
      float[] logits, float[] logp, float[] dLogits, CpuGrpoObjective.TokenTerms terms, float[] scratch) {
    int base = row * v;
    float max = max(logits, base, v, bound, invTemperature);
    // the exponentials go into the gradient's row, which the last pass scales in place (computing
    // them again in the last pass instead measured slower, even at rows of 152 k that leave L2)
    double sum = exponentials(logits, dLogits, base, v, bound, invTemperature, max, scratch);
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
      Arrays.fill(dLogits, base, base + v, 0f);
    }
  }

  /** The row's largest logit, scaled; four running maxima, so that the loop is not one chain of dependent {@code max}es. */
  private static float max(float[] logits, int base, int v, int bound, float invTemperature) {
    FloatVector best0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
    FloatVector best1 = best0;
    FloatVector best2 = best0;
    FloatVector best3 = best0;
    int j = 0;
    for (; j + 4 * L <= bound; j += 4 * L) {
      best0 = best0.max(FloatVector.fromArray(S, logits, base + j));
      best1 = best1.max(FloatVector.fromArray(S, logits, base + j + L));
      best2 = best2.max(FloatVector.fromArray(S, logits, base + j + 2 * L));
      best3 = best3.max(FloatVector.fromArray(S, logits, base + j + 3 * L));
    }
    for (; j < bound; j += L) {
      best0 = best0.max(FloatVector.fromArray(S, logits, base + j));
    }
    float max = best0.max(best1).max(best2.max(best3)).reduceLanes(VectorOperators.MAX);
    for (; j < v; j++) {
      max = Math.max(max, logits[base + j]);
    }
    // the temperature is positive, so the scaled maximum is the scaled largest logit
    return max * invTemperature;
  }

  /**
   * Writes {@code exp(x/T - max)} into {@code e}'s row and answers its sum; lanes are summed in a
   * fixed order. The last {@code v mod L} logits go through {@link #exp(float)}, which gives them
   * the bits a vector lane would: with {@link Math#exp} instead they cost more than the rest of a
   * 263-wide row.
   */
  private static double exponentials(float[] logits, float[] e, int base, int v, int bound, float invTemperature, float max,
      float[] scratch) {
    FloatVector sum0 = FloatVector.zero(S);
    FloatVector sum1 = sum0;
    FloatVector scale = FloatVector.broadcast(S, invTemperature);
    FloatVector shift = FloatVector.broadcast(S, -max);
    // x/T - max rounded as the maximum was (not fused), so that the largest logit gives exactly e^0;
    // two vectors a turn with a sum each, so that two exponentials' chains are in flight at once
    int j = 0;
    for (; j + 2 * L <= bound; j += 2 * L) {
      FloatVector x0 = exp(FloatVector.fromArray(S, logits, base + j).mul(scale).add(shift));
      x0.intoArray(e, base + j);
      sum0 = sum0.add(x0);
      FloatVector x1 = exp(FloatVector.fromArray(S, logits, base + j + L).mul(scale).add(shift));
      x1.intoArray(e, base + j + L);
      sum1 = sum1.add(x1);
    }
    for (; j < bound; j += L) {
      FloatVector x = exp(FloatVector.fromArray(S, logits, base + j).mul(scale).add(shift));
      x.intoArray(e, base + j);
      sum0 = sum0.add(x);
    }
    // the lanes summed in order through the scratch array: not sum.lane(i) (JDK 17 does not compile
    // a variable lane index to a register read), nor toArray() (an array a row)
    sum0.add(sum1).intoArray(scratch, 0);
    double total = 0;
    for (int lane = 0; lane < L; lane++) {
      total += scratch[lane];
    }
    for (; j < v; j++) {
      float x = exp(logits[base + j] * invTemperature - max);
      e[base + j] = x;
      total += x;
    }
    return total;
  }

  /**
   * {@link #exp(FloatVector)} for one float, operation for operation, so that a row's last
   * {@code v mod L} logits get the bits a vector lane would give them. A vector call of their own
   * was the method's fourth call of the vector exponential, past what C2 inlines into one method:
   * its vectors were boxed, 190 bytes a row, and 263-wide rows ran about an eighth slower.
   */
  static float exp(float x) {
    float clamped = Math.max(x, -87f);
    float rounded = Math.fma(clamped, LOG2E, ROUNDER);
    float n = rounded - ROUNDER;
    float r = Math.fma(n, -LN2_LOW, Math.fma(n, -LN2_HIGH, clamped));
    float p = Math.fma(r, P5, P4);
    p = Math.fma(p, r, P3);
    p = Math.fma(p, r, P2);
    p = Math.fma(p, r, P1);
    p = Math.fma(p, r, P0);
    float er = Math.fma(p, r * r, r) + 1f;
    return er * Float.intBitsToFloat((Float.floatToRawIntBits(rounded) - (ROUNDER_BITS - 127)) << 23);
  }

  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HIGH = 0.693359375f; // ln 2 in two parts: n * LN2_HIGH is exact for the n that occur
  private static final float LN2_LOW = -2.12194440e-4f;
  /** e^r = 1 + r + r^2 (P0 + P1 r + ... + P5 r^5) on |r| <= ln 2 / 2: Cephes' expf coefficients. */
  private static final float P0 = 5.0000001201e-1f;
  private static final float P1 = 1.6666665459e-1f;
  private static final float P2 = 4.1665795894e-2f;
  private static final float P3 = 8.3334519073e-3f;
  private static final float P4 = 1.3981999507e-3f;
  private static final float P5 = 1.9875691500e-4f;

  /** 1.5 × 2^23: a float below 2^22 in size added to it is rounded to an integer, which its low mantissa bits hold. */
  private static final float ROUNDER = 12582912f;
  private static final int ROUNDER_BITS = 0x4b400000;

  /**
   * {@code e^x} for {@code x <= 0} (a logit less the row's maximum), to within about 2 ulp: x = n
   * ln 2 + r with n an integer and |r| <= ln 2 / 2; e^r by a polynomial of degree 7 (Cephes'
   * expf coefficients); 2^n written straight into the exponent bits. n is rounded by adding
   * {@link #ROUNDER} rather than by converting to int: JDK 17 does not compile the Vector API's
   * float-int conversions to instructions (it calls them per lane), nor {@code lanewise(EXP)}
   * (a library call per vector), which made the exponentials this objective's bottleneck. Below
   * -87 it answers about 1e-38 instead of a smaller number or zero, which no softmax sum notices.
   */
  static FloatVector exp(FloatVector x) {
    FloatVector clamped = x.max(-87f);
    FloatVector rounded = clamped.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUNDER)); // n in the low bits
    FloatVector n = rounded.sub(ROUNDER);
    FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_LOW), n.fma(FloatVector.broadcast(S, -LN2_HIGH), clamped));
    FloatVector p = r.fma(FloatVector.broadcast(S, P5), FloatVector.broadcast(S, P4));
    p = p.fma(r, FloatVector.broadcast(S, P3));
    p = p.fma(r, FloatVector.broadcast(S, P2));
    p = p.fma(r, FloatVector.broadcast(S, P1));
    p = p.fma(r, FloatVector.broadcast(S, P0));
    FloatVector er = p.fma(r.mul(r), r).add(1f);
    // 2^n: the biased exponent n + 127, shifted into place
    IntVector scale = rounded.reinterpretAsInts().sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23);
    return er.mul(scale.reinterpretAsFloats());
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
