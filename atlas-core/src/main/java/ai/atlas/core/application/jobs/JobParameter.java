package ai.atlas.core.application.jobs;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One parameter of a job, as its schema declares it: name, type, default, range or choices, and
 * what it means. {@code computed} parameters are the server's to set (the total of steps, the
 * models folder): they are listed so a console shows the whole job, but a caller cannot give them.
 */
public record JobParameter(String name, Type type, String defaultValue, Double min, Double max, List<String> choices,
    boolean required, boolean computed, String description) {

  /** The kinds of value a job parameter holds. */
  public enum Type {
    TEXT,
    INTEGER,
    NUMBER,
    BOOLEAN,
    CHOICE,
    /** Names, given as a JSON array of strings; the job receives them joined by commas. */
    LIST;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public JobParameter {
    choices = choices == null ? List.of() : List.copyOf(choices);
  }

  /** A text the caller must give. */
  public static JobParameter requiredText(String name, String description) {
    return new JobParameter(name, Type.TEXT, null, null, null, null, true, false, description);
  }

  /** A text the caller may give; {@code defaultValue} null: none. */
  public static JobParameter text(String name, String defaultValue, String description) {
    return new JobParameter(name, Type.TEXT, defaultValue, null, null, null, false, false, description);
  }

  /** A whole number in {@code [min, max]}. */
  public static JobParameter integer(String name, long defaultValue, long min, long max, String description) {
    return new JobParameter(name, Type.INTEGER, Long.toString(defaultValue), (double) min, (double) max, null, false, false,
        description);
  }

  /** A number in {@code [min, max]}. */
  public static JobParameter number(String name, double defaultValue, double min, double max, String description) {
    return new JobParameter(name, Type.NUMBER, Double.toString(defaultValue), min, max, null, false, false, description);
  }

  public static JobParameter bool(String name, boolean defaultValue, String description) {
    return new JobParameter(name, Type.BOOLEAN, Boolean.toString(defaultValue), null, null, null, false, false, description);
  }

  /** Names as a JSON array (the job gets them joined by commas); none given: no value. */
  public static JobParameter list(String name, String description) {
    return new JobParameter(name, Type.LIST, null, null, null, null, false, false, description);
  }

  /** One of {@code choices}, the first of which is the default unless {@code defaultValue} says otherwise. */
  public static JobParameter choice(String name, String defaultValue, List<String> choices, String description) {
    return new JobParameter(name, Type.CHOICE, defaultValue, null, null, choices, false, false, description);
  }

  /** A parameter the server computes from the others (or its configuration); callers cannot set it. */
  public static JobParameter computed(String name, Type type, String defaultValue, String description) {
    return new JobParameter(name, type, defaultValue, null, null, null, false, true, description);
  }

  /** The range as a message says it: "between 2 and 256". */
  String range() {
    return "between " + plain(min) + " and " + plain(max);
  }

  /** The choices as a message says them: "a, b or c". */
  String choiceList() {
    if (choices.size() == 1) {
      return choices.get(0);
    }
    return String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
