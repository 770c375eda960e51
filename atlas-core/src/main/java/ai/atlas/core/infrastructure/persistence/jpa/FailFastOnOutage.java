package ai.atlas.core.infrastructure.persistence.jpa;

import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * EclipseLink retries a read that failed on a broken connection, three times with 5 s between
 * attempts by default: while the database is down every request would hang for 10-15 s before it
 * failed. The connection pool already replaces broken connections, so a read fails at once here
 * and the API answers 503 with Retry-After; the client, not a server thread, waits.
 */
public class FailFastOnOutage implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    session.getLogin().setQueryRetryAttemptCount(0);
    session.getLogin().setDelayBetweenConnectionAttempts(0);
  }
}
