package ai.atlas.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD8;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * Device memory owned by one holder and freed by {@link #close()}; used in try-with-resources so
 * that every path, failures included, gives the memory back.
 */
public final class DeviceBuffer implements AutoCloseable {

  private final CUdeviceptr pointer = new CUdeviceptr();
  private final long bytes;
  private boolean freed;

  private DeviceBuffer(long bytes) {
    this.bytes = bytes;
  }

  /** {@code bytes} of device memory (at least one byte is allocated, so empty arrays work). */
  public static DeviceBuffer allocate(long bytes) {
    DeviceBuffer buffer = new DeviceBuffer(bytes);
    CudaException.check(cuMemAlloc(buffer.pointer, Math.max(1, bytes)), "cuMemAlloc(" + bytes + " bytes)");
    return buffer;
  }

  public static DeviceBuffer of(float[] values) {
    DeviceBuffer buffer = allocate(4L * values.length);
    buffer.upload(Pointer.to(values));
    return buffer;
  }

  public static DeviceBuffer of(int[] values) {
    DeviceBuffer buffer = allocate(4L * values.length);
    buffer.upload(Pointer.to(values));
    return buffer;
  }

  public static DeviceBuffer of(short[] values) {
    DeviceBuffer buffer = allocate(2L * values.length);
    buffer.upload(Pointer.to(values));
    return buffer;
  }

  /** A device copy of {@code values}, or null for null (an absent optional input). */
  public static DeviceBuffer ofNullable(float[] values) {
    return values == null ? null : of(values);
  }

  private void upload(Pointer host) {
    if (bytes > 0) {
      try {
        CudaException.check(cuMemcpyHtoD(pointer, host, bytes), "cuMemcpyHtoD");
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }
  }

  /** Sets every byte to {@code value} (tests poison outputs with 0xFF, a NaN in both types). */
  public void fill(byte value) {
    CudaException.check(cuMemsetD8(pointer(), value, Math.max(1, bytes)), "cuMemsetD8");
  }

  public float[] floats(int count) {
    float[] out = new float[count];
    download(Pointer.to(out), 4L * count);
    return out;
  }

  public short[] shorts(int count) {
    short[] out = new short[count];
    download(Pointer.to(out), 2L * count);
    return out;
  }

  public double[] doubles(int count) {
    double[] out = new double[count];
    download(Pointer.to(out), 8L * count);
    return out;
  }

  private void download(Pointer host, long count) {
    if (count > bytes) {
      throw new IllegalArgumentException(count + " bytes asked of a buffer of " + bytes);
    }
    if (count > 0) {
      CudaException.check(cuMemcpyDtoH(host, pointer, count), "cuMemcpyDtoH");
    }
  }

  public CUdeviceptr pointer() {
    if (freed) {
      throw new IllegalStateException("device buffer used after it was freed");
    }
    return pointer;
  }

  public long bytes() {
    return bytes;
  }

  @Override
  public void close() {
    if (!freed) {
      freed = true;
      CudaException.check(cuMemFree(pointer), "cuMemFree");
    }
  }
}
