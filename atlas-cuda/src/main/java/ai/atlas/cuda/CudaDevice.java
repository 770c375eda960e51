package ai.atlas.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

/**
 * The first GPU of the machine, its primary context and the PTX modules of the GRPO kernels,
 * opened once per process. Without a driver JCuda's native library cannot load and throws an
 * Error ({@code UnsatisfiedLinkError}, then {@code NoClassDefFoundError} on later uses); that and
 * every other reason the device cannot be used become a {@link CudaUnavailableException}.
 */
public final class CudaDevice {

  /** Where the build puts the PTX (build-ptx.sh). */
  static final String PTX_FOLDER = "/cuda/";
  static final String GENERIC_PTX = "grpo.ptx";
  static final String CLUSTER_PTX = "grpo_cluster.ptx";

  private static CudaDevice opened;
  private static CudaUnavailableException unavailable;

  private final CUcontext context;
  private final String name;
  private final int computeMajor;
  private final int computeMinor;
  private final int multiprocessors;
  private final int sharedMemoryOptIn;
  private final CUmodule generic;
  private final CUmodule cluster;

  private CudaDevice() {
    CudaException.check(cuInit(0), "cuInit");
    int[] count = new int[1];
    CudaException.check(cuDeviceGetCount(count), "cuDeviceGetCount");
    if (count[0] == 0) {
      throw new CudaUnavailableException("the CUDA driver sees no device");
    }
    CUdevice device = new CUdevice();
    CudaException.check(cuDeviceGet(device, 0), "cuDeviceGet");
    context = new CUcontext();
    CudaException.check(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
    CudaException.check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    byte[] nameBytes = new byte[256];
    CudaException.check(cuDeviceGetName(nameBytes, nameBytes.length, device), "cuDeviceGetName");
    int end = 0;
    while (end < nameBytes.length && nameBytes[end] != 0) {
      end++;
    }
    name = new String(nameBytes, 0, end, StandardCharsets.US_ASCII);
    computeMajor = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
    computeMinor = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
    multiprocessors = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
    sharedMemoryOptIn = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN);
    generic = load(GENERIC_PTX);
    // thread block clusters and distributed shared memory need compute capability 9.0
    cluster = computeMajor >= 9 ? load(CLUSTER_PTX) : null;
  }

  /** The device, opened on first use; throws {@link CudaUnavailableException} when there is none. */
  public static synchronized CudaDevice get() {
    if (opened != null) {
      return opened;
    }
    if (unavailable != null) {
      throw unavailable;
    }
    try {
      opened = new CudaDevice();
      return opened;
    } catch (CudaUnavailableException e) {
      unavailable = e;
    } catch (CudaException e) {
      unavailable = new CudaUnavailableException(e.getMessage(), e);
    } catch (LinkageError e) {
      // UnsatisfiedLinkError: JCuda's native library or the driver's libcuda.so.1 cannot load
      unavailable = new CudaUnavailableException("no CUDA driver (" + nativeReason(e) + ")", e);
    } catch (RuntimeException e) {
      unavailable = new CudaUnavailableException("the CUDA device cannot be opened: " + e, e);
    }
    throw unavailable;
  }

  /**
   * The line of JCuda's loading report that says why (it nests whole stack traces in its message):
   * the driver library's own error where it names one, else the first line.
   */
  static String nativeReason(Throwable e) {
    String message = String.valueOf(e.getMessage());
    return message.lines().filter(line -> line.contains("libcuda")).reduce((first, last) -> last)
        .map(line -> line.substring(line.indexOf("libcuda")))
        .orElse(e.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse(""));
  }

  /** Whether a device can be used, and which or why not, without throwing. */
  public static Availability availability() {
    try {
      CudaDevice device = get();
      return new Availability(true, device.describe());
    } catch (CudaUnavailableException e) {
      return new Availability(false, e.getMessage());
    }
  }

  /** The outcome of {@link #availability()}: usable or not, and a line that says which or why. */
  public record Availability(boolean available, String detail) {}

  private static int attribute(CUdevice device, int attribute) {
    int[] value = new int[1];
    CudaException.check(cuDeviceGetAttribute(value, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
    return value[0];
  }

  private static CUmodule load(String file) {
    byte[] ptx;
    try (InputStream in = CudaDevice.class.getResourceAsStream(PTX_FOLDER + file)) {
      if (in == null) {
        throw new CudaUnavailableException("the kernels were not built (" + PTX_FOLDER + file
            + " is missing: nvcc was not on the PATH when ATLAS was built)");
      }
      // cuModuleLoadData reads PTX as a NUL-terminated string
      byte[] text = in.readAllBytes();
      ptx = Arrays.copyOf(text, text.length + 1);
    } catch (IOException e) {
      throw new CudaUnavailableException("cannot read " + file + ": " + e.getMessage(), e);
    }
    CUmodule module = new CUmodule();
    CudaException.check(cuModuleLoadData(module, ptx), "cuModuleLoadData(" + file + ")");
    return module;
  }

  /** Makes this device's context current on the calling thread (batch threads change). */
  public void bind() {
    CudaException.check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
  }

  /** Waits for all launched work; reports the first asynchronous error of a kernel. */
  public void synchronize(String after) {
    CudaException.check(cuCtxSynchronize(), "kernel execution (" + after + ")");
  }

  /** A kernel of grpo.ptx. */
  CUfunction function(String kernel) {
    return resolve(generic, kernel);
  }

  /** A kernel of grpo_cluster.ptx, which only devices of compute capability 9.0 and newer load. */
  CUfunction clusterFunction(String kernel) {
    if (cluster == null) {
      throw new CudaUnavailableException(kernel + " needs compute capability 9.0; " + name + " has " + computeMajor + "." + computeMinor);
    }
    return resolve(cluster, kernel);
  }

  private static CUfunction resolve(CUmodule module, String kernel) {
    CUfunction function = new CUfunction();
    CudaException.check(cuModuleGetFunction(function, module, kernel), "cuModuleGetFunction(" + kernel + ")");
    return function;
  }

  public boolean supportsClusters() {
    return cluster != null;
  }

  public int multiprocessors() {
    return multiprocessors;
  }

  public int sharedMemoryOptIn() {
    return sharedMemoryOptIn;
  }

  public String name() {
    return name;
  }

  public String describe() {
    return String.format(Locale.ROOT, "%s (compute %d.%d, %d multiprocessors)", name, computeMajor, computeMinor, multiprocessors);
  }
}
