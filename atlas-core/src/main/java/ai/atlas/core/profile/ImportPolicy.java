package ai.atlas.core.profile;

import ai.atlas.core.application.redaction.Redactor;
import java.time.Duration;
import java.util.List;

/**
 * What a session must satisfy before it is stored: the longest prompt or answer accepted, and the
 * scrubber that replaces any live secret (a provider's API key pasted into a task) before it
 * reaches the database.
 */
public record ImportPolicy(int maxTextChars, Redactor secretScrubber) {

  public static final int DEFAULT_MAX_TEXT_CHARS = 100_000;

  /** The limits without configuration: the default length and no known secrets. */
  public static ImportPolicy defaults() {
    return new ImportPolicy(DEFAULT_MAX_TEXT_CHARS, new Redactor(List.of(), Duration.ofSeconds(1)));
  }
}
