package ai.atlas.web.interfaces.problem;

import ai.atlas.core.common.InvalidInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Refused input: 400 with the message that names what is wrong. */
@Provider
public class InvalidInputMapper implements ExceptionMapper<InvalidInputException> {

  @Override
  public Response toResponse(InvalidInputException e) {
    return Problem.of(Response.Status.BAD_REQUEST, e.getMessage()).toResponse();
  }
}
