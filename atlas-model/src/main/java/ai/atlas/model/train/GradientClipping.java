package ai.atlas.model.train;

import java.util.List;

/** Scales all gradients together so their global L2 norm is at most a limit. */
public final class GradientClipping {

  private GradientClipping() {}

  /** Clips in place and answers the norm before clipping. */
  public static double clip(List<float[]> gradients, double maxNorm) {
    double squares = 0;
    for (float[] g : gradients) {
      for (float x : g) {
        squares += (double) x * x;
      }
    }
    double norm = Math.sqrt(squares);
    if (maxNorm > 0 && norm > maxNorm) {
      float scale = (float) (maxNorm / (norm + 1e-6));
      for (float[] g : gradients) {
        for (int i = 0; i < g.length; i++) {
          g[i] *= scale;
        }
      }
    }
    return norm;
  }
}
