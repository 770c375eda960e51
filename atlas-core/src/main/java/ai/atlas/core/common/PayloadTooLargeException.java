package ai.atlas.core.common;

/** Input over a configured size limit; the message names the field and the limit. The REST API answers 413. */
public class PayloadTooLargeException extends RuntimeException {

  public PayloadTooLargeException(String message) {
    super(message);
  }
}
