package ai.atlas.web.interfaces.problem;

import ai.atlas.web.infrastructure.DatabaseOutage;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else: 500 with an incident id that is also in the server log next to the stack trace,
 * so the client learns nothing about the internals and an operator can still find the cause; a
 * database that cannot be reached is 503 with Retry-After instead (see {@link DatabaseOutage}).
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    // The runtime may wrap what a filter's stream threw while it read the body.
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof WebApplicationException known) {
        return new WebApplicationExceptionMapper().toResponse(known);
      }
    }
    if (DatabaseOutage.causedBy(e)) {
      // Logged without the stack: during an outage every request fails alike, and the readiness check says why.
      LOG.warning("the database could not be reached: " + e);
      Response problem = Problem.of(Response.Status.SERVICE_UNAVAILABLE, DatabaseOutage.DETAIL).toResponse();
      problem.getHeaders().add("Retry-After", Integer.toString(DatabaseOutage.RETRY_SECONDS));
      return problem;
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
    return Problem.of(
            Response.Status.INTERNAL_SERVER_ERROR,
            "the server failed to handle this request; incident " + incident + " is in its log")
        .toResponse();
  }
}
