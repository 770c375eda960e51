package ai.atlas.core.common;

/** Something asked for by id that does not exist. The REST API answers it with 404. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
