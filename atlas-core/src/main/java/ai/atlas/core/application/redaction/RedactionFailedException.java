package ai.atlas.core.application.redaction;

/**
 * Redaction could not finish (a pattern ran past its time limit, a rule is broken). Whatever was
 * being redacted must not be written anywhere: exports fail rather than leak.
 */
public class RedactionFailedException extends RuntimeException {

  public RedactionFailedException(String message) {
    super(message);
  }

  public RedactionFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
