package ai.atlas.model;

/** A checkpoint, tokenizer or request the engine cannot use; the message says what and why. */
public class ModelException extends RuntimeException {

  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
