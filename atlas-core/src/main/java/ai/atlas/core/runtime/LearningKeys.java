package ai.atlas.core.runtime;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Sha256;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The learning key of a session: what groups sessions so that they share lane history, drift and
 * playbook. The caller's {@code learning_key} metadata when it gives one, as atlas-sdk's callers
 * do; else a hash of the profile and the task's {@link TaskKind}.
 */
public final class LearningKeys {

  /** The metadata key by which a caller names the learning key of its session. */
  public static final String METADATA = "learning_key";

  private static final Pattern CALLER_KEY = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

  private LearningKeys() {}

  /** The caller's key from the metadata when there is one (checked), else {@link #of(String, String)}. */
  static String of(String profile, String task, Map<String, String> metadata) {
    String given = metadata == null ? null : metadata.get(METADATA);
    if (given == null) {
      return of(profile, task);
    }
    if (!CALLER_KEY.matcher(given).matches()) {
      throw new InvalidInputException("metadata '" + METADATA + "' must be 1 to 128 letters, digits or . _ : / -");
    }
    return given;
  }

  /** A stable key of profile and {@link TaskKind}, so sessions of one kind of task share history and playbook. */
  static String of(String profile, String task) {
    return Sha256.hex(profile + "\n" + TaskKind.of(task)).substring(0, 32);
  }
}
