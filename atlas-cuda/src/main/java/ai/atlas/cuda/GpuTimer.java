package ai.atlas.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;

import jcuda.driver.CUevent;

/** Times work on the device's default stream with a pair of CUDA events. */
final class GpuTimer implements AutoCloseable {

  private final CUevent start = new CUevent();
  private final CUevent end = new CUevent();

  GpuTimer() {
    CudaException.check(cuEventCreate(start, 0), "cuEventCreate");
    CudaException.check(cuEventCreate(end, 0), "cuEventCreate");
  }

  void start() {
    CudaException.check(cuEventRecord(start, null), "cuEventRecord");
  }

  /** Milliseconds since {@link #start()}, once the work between has finished. */
  float stop() {
    CudaException.check(cuEventRecord(end, null), "cuEventRecord");
    CudaException.check(cuEventSynchronize(end), "kernel execution (timed)");
    float[] ms = new float[1];
    CudaException.check(cuEventElapsedTime(ms, start, end), "cuEventElapsedTime");
    return ms[0];
  }

  @Override
  public void close() {
    CudaException.check(cuEventDestroy(start), "cuEventDestroy");
    CudaException.check(cuEventDestroy(end), "cuEventDestroy");
  }
}
