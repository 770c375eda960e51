package ai.atlas.cuda;

import ai.atlas.model.objective.GrpoBatch;
import ai.atlas.model.objective.GrpoParams;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch's per-token inputs and the fused pass's per-token outputs on the device (everything but
 * the logits and their gradient, which callers hold in the precision they choose). Closing it frees
 * every buffer, also when an allocation in the middle failed.
 */
final class DeviceBatch implements AutoCloseable {

  private final List<DeviceBuffer> owned = new ArrayList<>();
  final DeviceBuffer tokens;
  final DeviceBuffer mask;
  final DeviceBuffer advantages;
  final DeviceBuffer oldLogp;
  final DeviceBuffer refLogp;
  final DeviceBuffer weights;
  final DeviceBuffer logp;
  final DeviceBuffer loss;
  final DeviceBuffer k3;
  final DeviceBuffer clipped;
  final DeviceBuffer sums;

  DeviceBatch(GrpoBatch batch, GrpoParams params) {
    int rows = batch.b() * batch.t();
    try {
      tokens = own(DeviceBuffer.of(batch.tokens()));
      mask = own(DeviceBuffer.of(batch.mask()));
      advantages = own(DeviceBuffer.of(batch.advantages()));
      oldLogp = own(DeviceBuffer.ofNullable(batch.oldLogp()));
      refLogp = own(DeviceBuffer.ofNullable(params.beta() == 0 ? null : batch.refLogp()));
      weights = own(DeviceBuffer.allocate(4L * rows));
      logp = own(DeviceBuffer.allocate(4L * rows));
      loss = own(DeviceBuffer.allocate(4L * rows));
      k3 = own(DeviceBuffer.allocate(4L * rows));
      clipped = own(DeviceBuffer.allocate(4L * rows));
      sums = own(DeviceBuffer.allocate(4L * Double.BYTES));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private DeviceBuffer own(DeviceBuffer buffer) {
    if (buffer != null) {
      owned.add(buffer);
    }
    return buffer;
  }

  GrpoKernels.FusedArgs fusedArgs() {
    return new GrpoKernels.FusedArgs(tokens, advantages, oldLogp, refLogp, weights, logp, loss, k3, clipped);
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (DeviceBuffer buffer : owned) {
      try {
        buffer.close();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    owned.clear();
    if (first != null) {
      throw first;
    }
  }
}
