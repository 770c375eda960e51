package ai.atlas.cuda;

/** The CUDA backend cannot run here; the message says why (no driver, no device, no PTX). */
public final class CudaUnavailableException extends RuntimeException {

  public CudaUnavailableException(String message) {
    super(message);
  }

  public CudaUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
