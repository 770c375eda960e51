package ai.atlas.web.interfaces.support;

import ai.atlas.core.application.InvalidInputException;

/**
 * Query parameters read by hand: JAX-RS answers a parameter it cannot convert with 404, while a
 * client that sent {@code size=abc} deserves a 400 that says which parameter is wrong.
 */
public final class Params {

  private Params() {}

  public static int intParam(String name, String value, int defaultValue) {
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("'" + name + "' must be a whole number, not '" + value + "'");
    }
  }
}
