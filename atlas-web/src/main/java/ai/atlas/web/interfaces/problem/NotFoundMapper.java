package ai.atlas.web.interfaces.problem;

import ai.atlas.core.common.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An unknown id: 404 naming what was not found. */
@Provider
public class NotFoundMapper implements ExceptionMapper<NotFoundException> {

  @Override
  public Response toResponse(NotFoundException e) {
    return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
  }
}
