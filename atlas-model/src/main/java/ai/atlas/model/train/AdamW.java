package ai.atlas.model.train;

import java.util.List;

/**
 * AdamW (Loshchilov and Hutter): Adam's bias-corrected moments with the weight decay applied to
 * the weights directly, not through the gradient. Its state (the moments and the step count) is
 * exposed so a training job can checkpoint and restore it.
 */
public final class AdamW {

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final float[][] m;
  private final float[][] v;
  private long step;

  public AdamW(List<float[]> parameters, double beta1, double beta2, double epsilon, double weightDecay) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
    m = new float[parameters.size()][];
    v = new float[parameters.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = new float[parameters.get(i).length];
      v[i] = new float[parameters.get(i).length];
    }
  }

  /** One update of every parameter from its gradient, at learning rate {@code lr}. */
  public void step(List<float[]> parameters, List<float[]> gradients, double lr) {
    step++;
    double correction1 = 1 - Math.pow(beta1, step);
    double correction2 = 1 - Math.pow(beta2, step);
    for (int p = 0; p < m.length; p++) {
      float[] w = parameters.get(p);
      float[] g = gradients.get(p);
      float[] mp = m[p];
      float[] vp = v[p];
      for (int i = 0; i < w.length; i++) {
        mp[i] = (float) (beta1 * mp[i] + (1 - beta1) * g[i]);
        vp[i] = (float) (beta2 * vp[i] + (1 - beta2) * g[i] * g[i]);
        double mHat = mp[i] / correction1;
        double vHat = vp[i] / correction2;
        w[i] = (float) (w[i] - lr * (mHat / (Math.sqrt(vHat) + epsilon) + weightDecay * w[i]));
      }
    }
  }

  public long steps() {
    return step;
  }

  /** The first and second moments, by parameter, for checkpoints. */
  public float[][] firstMoments() {
    return m;
  }

  public float[][] secondMoments() {
    return v;
  }

  /** Restores the state a checkpoint kept. */
  public void restore(long steps, float[][] first, float[][] second) {
    this.step = steps;
    for (int p = 0; p < m.length; p++) {
      System.arraycopy(first[p], 0, m[p], 0, m[p].length);
      System.arraycopy(second[p], 0, v[p], 0, v[p].length);
    }
  }
}
