package ai.atlas.web.infrastructure.limits;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/** A request body over the configured limit: 413. */
public class RequestTooLargeException extends ClientErrorException {

  public RequestTooLargeException(String message) {
    super(message, Response.Status.REQUEST_ENTITY_TOO_LARGE);
  }
}
