package ai.atlas.core.domain.session;

import java.util.Optional;

/** How a session's run ended, or that it is still waiting in the queue or running. */
public enum SessionStatus {
  /** Accepted and stored, waiting for a server to run it. */
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  NEEDS_REVIEW,
  ESCALATED;

  /** Whether the session's run is over: neither waiting nor running. */
  public boolean isFinished() {
    return this != QUEUED && this != RUNNING;
  }

  /** The lower-case name used on the API and in exports. */
  public String wireName() {
    return WireNames.of(this);
  }

  /** Parses a wire name, case-insensitively. */
  public static Optional<SessionStatus> fromWire(String value) {
    return WireNames.parse(SessionStatus.class, value);
  }

  /** The accepted wire names, for error messages. */
  public static String wireNames() {
    return WireNames.list(SessionStatus.class);
  }
}
