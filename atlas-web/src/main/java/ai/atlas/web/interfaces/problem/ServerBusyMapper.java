package ai.atlas.web.interfaces.problem;

import ai.atlas.core.common.ServerBusyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** No room for more sessions: 429 with Retry-After. */
@Provider
public class ServerBusyMapper implements ExceptionMapper<ServerBusyException> {

  @Override
  public Response toResponse(ServerBusyException e) {
    Response problem = Problem.of(Response.Status.TOO_MANY_REQUESTS, e.getMessage()).toResponse();
    problem.getHeaders().add("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
    return problem;
  }
}
