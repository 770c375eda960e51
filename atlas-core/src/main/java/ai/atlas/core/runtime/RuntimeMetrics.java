package ai.atlas.core.runtime;

import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.spi.TokenUsage;

/**
 * Where the runtime reports what happened, for the server's metrics. The server provides an
 * implementation (MicroProfile Metrics); outside it nothing is reported.
 */
public interface RuntimeMetrics {

  RuntimeMetrics NONE = new RuntimeMetrics() {
    @Override
    public void finished(String profile, SessionStatus status, TokenUsage usage, Double costUsd) {}

    @Override
    public void drift(String profile) {}
  };

  /** A session ended: its status, the tokens it used, and what they cost (null when unknown). */
  void finished(String profile, SessionStatus status, TokenUsage usage, Double costUsd);

  /** A session's reward drifted from its learning key's history. */
  void drift(String profile);
}
