package ai.atlas.core.profile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How closely the teacher supervises the student on a task. */
public enum Lane {
  /** The student alone, one pass. */
  AUTO,
  /** The student answers; the teacher validates and guides retries. */
  PAIRED,
  /** The student plans; the teacher reviews the plan; each step is validated with guided retries. */
  COACH,
  /** As coach, and the teacher guides before every step; a step that still fails goes to people. */
  ESCALATE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Lane> fromWire(String value) {
    return Arrays.stream(values()).filter(l -> l.wireName().equalsIgnoreCase(value == null ? "" : value.trim())).findFirst();
  }
}
