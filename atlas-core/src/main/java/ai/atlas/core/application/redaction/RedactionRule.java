package ai.atlas.core.application.redaction;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One kind of sensitive text: a pattern, an optional check on each match (e.g. the Luhn checksum of
 * a card number, so order numbers stay), and the placeholder {@code [REDACTED:<name>]} it becomes.
 */
public record RedactionRule(String name, Pattern pattern, Predicate<String> accept) {

  public RedactionRule {
    if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("a redaction rule's name must be 1 to 64 letters, digits or _ . -, not '" + name + "'");
    }
  }

  public RedactionRule(String name, Pattern pattern) {
    this(name, pattern, match -> true);
  }

  public String placeholder() {
    return "[REDACTED:" + name + "]";
  }
}
