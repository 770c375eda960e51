package ai.atlas.web.interfaces.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/** Bean Validation failures on parameters or bodies: 400 listing each violation. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException e) {
    String detail = e.getConstraintViolations().stream()
        .map(ConstraintViolationMapper::describe)
        .sorted()
        .collect(Collectors.joining("; "));
    return Problem.of(Response.Status.BAD_REQUEST, detail).toResponse();
  }

  private static String describe(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    String leaf = path.substring(path.lastIndexOf('.') + 1);
    return "'" + leaf + "' " + violation.getMessage();
  }
}
