package ai.atlas.web.interfaces.problem;

import ai.atlas.core.common.PayloadTooLargeException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A field over its size limit: 413 with the field and the limit. */
@Provider
public class PayloadTooLargeMapper implements ExceptionMapper<PayloadTooLargeException> {

  @Override
  public Response toResponse(PayloadTooLargeException e) {
    return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage()).toResponse();
  }
}
