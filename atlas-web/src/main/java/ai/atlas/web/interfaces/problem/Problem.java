package ai.atlas.web.interfaces.problem;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem detail. */
@JsonbPropertyOrder({"type", "title", "status", "detail"})
public record Problem(String type, String title, int status, String detail) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** A problem of a standard HTTP status, whose title is the status's reason phrase. */
  public static Problem of(Response.StatusType status, String detail) {
    return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail);
  }

  /** The response that carries this problem. */
  public Response toResponse() {
    return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
  }
}
