package ai.atlas.web.interfaces.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The errors the JAX-RS runtime raises itself (no such path, method not allowed, unsupported
 * media type...), as problems with the same status.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    Response.StatusType status = original.getStatusInfo();
    String detail = switch (status.getStatusCode()) {
      case 404 -> "no such resource";
      case 405 -> "this resource does not support that method";
      case 406 -> "this resource cannot answer in the media type asked for";
      case 415 -> "this resource does not accept that media type; send application/json";
      // Raised by ATLAS's own filters with a message meant for the caller.
      case 401, 403, 409, 413, 429 -> e.getMessage() == null || e.getMessage().startsWith("HTTP ")
          ? status.getReasonPhrase() : e.getMessage();
      default -> status.getReasonPhrase();
    };
    Response problem = Problem.of(status, detail).toResponse();
    // Keep headers the client needs, e.g. Allow on 405 or Retry-After on 429/503.
    original.getHeaders().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
        values.forEach(v -> problem.getHeaders().add(name, v));
      }
    });
    return problem;
  }
}
