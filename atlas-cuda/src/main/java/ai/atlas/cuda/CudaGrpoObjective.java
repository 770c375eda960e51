package ai.atlas.cuda;

import ai.atlas.model.objective.Advantages;
import ai.atlas.model.objective.GrpoBatch;
import ai.atlas.model.objective.GrpoObjective;
import ai.atlas.model.objective.GrpoParams;
import ai.atlas.model.objective.GrpoResult;

/**
 * The GRPO objective on the GPU, for logits that live on the host (the model engine computes on
 * the CPU): uploads the batch, runs the token weights, the fused pass and the masked reductions,
 * and downloads the log-probs and the gradient. Same contract and tolerance as
 * {@link ai.atlas.model.objective.CpuGrpoObjective}; every device buffer is freed on every path.
 */
public final class CudaGrpoObjective implements GrpoObjective {

  private final GrpoKernels kernels;
  private final GrpoKernels.Variant variant;

  public CudaGrpoObjective() {
    this(GrpoKernels.Variant.AUTO);
  }

  public CudaGrpoObjective(GrpoKernels.Variant variant) {
    this.kernels = GrpoKernels.get();
    this.variant = variant;
  }

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public synchronized GrpoResult compute(GrpoBatch batch, GrpoParams params) {
    kernels.device().bind();
    int rows = batch.b() * batch.t();
    try (DeviceBuffer logits = DeviceBuffer.of(batch.logits());
        DeviceBuffer dlogits = DeviceBuffer.allocate(4L * batch.logits().length);
        DeviceBatch device = new DeviceBatch(batch, params)) {
      kernels.tokenWeights(device.mask, batch.b(), batch.t(), params, device.weights);
      kernels.fused(variant, Precision.F32, logits, dlogits, rows, batch.v(), batch.t(), params, device.fusedArgs());
      kernels.maskedReduce(device.weights, device.mask, device.loss, device.k3, device.clipped, rows, device.sums);
      kernels.device().synchronize("GRPO objective");
      double[] totals = device.sums.doubles(4);
      return new GrpoResult(device.logp.floats(rows), totals[0], totals[1], totals[2], dlogits.floats(batch.logits().length));
    }
  }

  /** The advantages on the device (grpo_group_advantages), in double from float32 rewards. */
  @Override
  public synchronized double[] advantages(double[] rewards, int numGenerations, Advantages.Scale scale) {
    Advantages.checkGroups(rewards.length, numGenerations);
    kernels.device().bind();
    float[] values = new float[rewards.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) rewards[i];
    }
    try (DeviceBuffer in = DeviceBuffer.of(values); DeviceBuffer out = DeviceBuffer.allocate(4L * values.length)) {
      kernels.groupAdvantages(in, values.length, numGenerations, scale, out);
      kernels.device().synchronize("group advantages");
      float[] result = out.floats(values.length);
      double[] advantages = new double[result.length];
      for (int i = 0; i < result.length; i++) {
        advantages[i] = result[i];
      }
      return advantages;
    }
  }
}
