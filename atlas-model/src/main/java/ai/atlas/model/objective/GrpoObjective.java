package ai.atlas.model.objective;

/**
 * The GRPO objective. Per token: {@code r = exp(logp - old)}, {@code rc = clamp(r, 1 - eps_low,
 * 1 + eps_high)}, {@code l = -min(r·A, rc·A) + beta·k3} with {@code k3 = exp(ref - logp) - (ref -
 * logp) - 1}; a token is clipped when {@code A > 0 and r > 1 + eps_high} or {@code A < 0 and r <
 * 1 - eps_low}. The loss is normalised as {@link LossType} says; the gradient is
 * {@code w·g/temperature·(onehot(y) - softmax(z))} with {@code g = (clipped ? 0 : -A·r) +
 * beta·(1 - exp(ref - logp))}.
 */
public interface GrpoObjective {

  String name();

  GrpoResult compute(GrpoBatch batch, GrpoParams params);

  /**
   * {@link #compute(GrpoBatch, GrpoParams)} writing the logits' gradient into {@code gradient}
   * where it has exactly B·T·V elements (any contents: every element is written), so that a
   * trainer can hand the same array to every micro-batch: a new one costs a zero-fill as large as
   * the pass's own output. Objectives that cannot write in place allocate, as by default.
   */
  default GrpoResult compute(GrpoBatch batch, GrpoParams params, float[] gradient) {
    return compute(batch, params);
  }

  /** Group-relative advantages of a batch's rewards (see {@link Advantages}). */
  default double[] advantages(double[] rewards, int numGenerations, Advantages.Scale scale) {
    return Advantages.compute(rewards, numGenerations, scale);
  }
}
