package ai.atlas.core.common;

/**
 * Input that ATLAS refuses, with a message meant for the person who sent it: it names the field
 * or parameter and says what is wrong. The REST API answers it with 400.
 */
public class InvalidInputException extends RuntimeException {

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
