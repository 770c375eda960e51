package ai.atlas.model.backend;

import ai.atlas.model.objective.GrpoObjective;

/**
 * The heavy operations of the model, which backends implement differently: the three matrix
 * products of a linear layer and the fused GRPO objective. Matrices are row-major float arrays;
 * weights are stored as Hugging Face stores them, {@code [out][in]}. {@link Backends} chooses one
 * at start, and training and inference both run on it.
 */
public interface Backend {

  String name();

  /**
   * {@code out[r][o] = sum_i x[r][i] * w[o][i] + (bias == null ? 0 : bias[o])} for {@code r <
   * rows}, {@code o < n}, {@code i < k}: the product with the transposed weight, as a linear
   * layer computes it.
   */
  void matmulTransposed(float[] out, float[] x, float[] w, float[] bias, int rows, int k, int n);

  /**
   * {@code out[r][o] += sum_i x[r][i] * w[i][o]}: the product with the weight as stored, used by
   * backward passes ({@code dx = dy · W}).
   */
  void matmulAccumulate(float[] out, float[] x, float[] w, int rows, int k, int n);

  /** {@code dw[o][i] += sum_r dy[r][o] * x[r][i]}: a linear layer's weight gradient. */
  void weightGradient(float[] dw, float[] dy, float[] x, int rows, int k, int n);

  /** The fused GRPO objective (log-ratio, clipped surrogate, KL, its logit gradient) on this backend. */
  GrpoObjective grpoObjective();
}
