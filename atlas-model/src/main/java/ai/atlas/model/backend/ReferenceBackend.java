package ai.atlas.model.backend;

import ai.atlas.model.objective.CpuGrpoObjective;
import ai.atlas.model.objective.GrpoObjective;

/** The plain, single-threaded loops every other backend is checked against. */
public final class ReferenceBackend implements Backend {

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public void matmulTransposed(float[] out, float[] x, float[] w, float[] bias, int rows, int k, int n) {
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < n; o++) {
        float sum = bias == null ? 0f : bias[o];
        for (int i = 0; i < k; i++) {
          sum += x[r * k + i] * w[o * k + i];
        }
        out[r * n + o] = sum;
      }
    }
  }

  @Override
  public void matmulAccumulate(float[] out, float[] x, float[] w, int rows, int k, int n) {
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < k; i++) {
        float xi = x[r * k + i];
        for (int o = 0; o < n; o++) {
          out[r * n + o] += xi * w[i * n + o];
        }
      }
    }
  }

  @Override
  public void weightGradient(float[] dw, float[] dy, float[] x, int rows, int k, int n) {
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < n; o++) {
        float g = dy[r * n + o];
        for (int i = 0; i < k; i++) {
          dw[o * k + i] += g * x[r * k + i];
        }
      }
    }
  }

  @Override
  public GrpoObjective grpoObjective() {
    return new CpuGrpoObjective();
  }
}
