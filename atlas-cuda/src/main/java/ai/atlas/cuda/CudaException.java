package ai.atlas.cuda;

import jcuda.driver.CUresult;

/** A CUDA driver call failed: which call, and the driver's error name. */
public final class CudaException extends RuntimeException {

  public CudaException(String message) {
    super(message);
  }

  /** Throws unless {@code result} is CUDA_SUCCESS. */
  static void check(int result, String call) {
    if (result != CUresult.CUDA_SUCCESS) {
      throw new CudaException(call + " failed: " + CUresult.stringFor(result));
    }
  }
}
