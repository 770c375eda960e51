package ai.atlas.web.interfaces.problem;

import ai.atlas.core.application.redaction.RedactionFailedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An export refused because redaction could not be done: 500 with the reason (never the text). */
@Provider
public class RedactionFailedMapper implements ExceptionMapper<RedactionFailedException> {

  @Override
  public Response toResponse(RedactionFailedException e) {
    return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "the export was refused: " + e.getMessage()).toResponse();
  }
}
