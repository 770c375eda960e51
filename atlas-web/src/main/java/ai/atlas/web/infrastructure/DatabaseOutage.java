package ai.atlas.web.infrastructure;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Whether a failure means the database cannot be reached (stopped, restarting, the network to it
 * cut): a connection-class SQL state (08xxx), the driver's connection exceptions, or a refused
 * socket, anywhere in the chain of causes that JPA, JTA and the connection pool wrap it in. Such a
 * request is worth retrying in a moment, so the API answers 503 rather than 500.
 */
public final class DatabaseOutage {

  /** What the client is told, and how soon to retry. */
  public static final int RETRY_SECONDS = 5;
  public static final String DETAIL = "the database cannot be reached; retry in " + RETRY_SECONDS + " s";

  private DatabaseOutage() {}

  public static boolean causedBy(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = failure; cause != null && seen.add(cause); cause = next(cause)) {
      if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
          || cause instanceof ConnectException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  /** The cause, or for an SQL exception without one its chained next exception (where drivers put the reason). */
  private static Throwable next(Throwable cause) {
    if (cause.getCause() != null) {
      return cause.getCause();
    }
    return cause instanceof SQLException sql ? sql.getNextException() : null;
  }
}
