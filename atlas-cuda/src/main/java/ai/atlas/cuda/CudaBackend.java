package ai.atlas.cuda;

import ai.atlas.model.backend.Backend;
import ai.atlas.model.objective.GrpoObjective;

/**
 * The backend of a machine with a CUDA device: the fused GRPO objective runs in the hand-written
 * kernels ({@link CudaGrpoObjective}); the matrix products stay on the best CPU backend, which
 * the engine's model sizes keep busy without a device round trip per layer.
 */
public final class CudaBackend implements Backend {

  private final Backend cpu;

  public CudaBackend(Backend cpu) {
    this.cpu = cpu;
  }

  @Override
  public String name() {
    return "cuda+" + cpu.name();
  }

  @Override
  public void matmulTransposed(float[] out, float[] x, float[] w, float[] bias, int rows, int k, int n) {
    cpu.matmulTransposed(out, x, w, bias, rows, k, n);
  }

  @Override
  public void matmulAccumulate(float[] out, float[] x, float[] w, int rows, int k, int n) {
    cpu.matmulAccumulate(out, x, w, rows, k, n);
  }

  @Override
  public void weightGradient(float[] dw, float[] dy, float[] x, int rows, int k, int n) {
    cpu.weightGradient(dw, dy, x, rows, k, n);
  }

  @Override
  public GrpoObjective grpoObjective() {
    return new CudaGrpoObjective();
  }
}
