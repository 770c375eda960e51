package ai.atlas.core.domain.session;

import java.util.Optional;

/**
 * Whether a session may be used for learning. New sessions are {@code pending}; a reviewer
 * {@code approves} them for export and training or {@code quarantines} them.
 */
public enum ReviewStatus {
  PENDING,
  APPROVED,
  QUARANTINED;

  /** The lower-case name used on the API and in exports. */
  public String wireName() {
    return WireNames.of(this);
  }

  /** Parses a wire name, case-insensitively. */
  public static Optional<ReviewStatus> fromWire(String value) {
    return WireNames.parse(ReviewStatus.class, value);
  }

  /** The accepted wire names, for error messages. */
  public static String wireNames() {
    return WireNames.list(ReviewStatus.class);
  }
}
