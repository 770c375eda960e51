package ai.atlas.web.interfaces.support;

import ai.atlas.core.common.InvalidInputException;

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

  /** A number parameter, or null when absent. */
  public static Double doubleParam(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      double parsed = Double.parseDouble(value.strip());
      if (!Double.isFinite(parsed)) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new InvalidInputException("'" + name + "' must be a number, not '" + value + "'");
    }
  }

  /** An ISO-8601 instant parameter ({@code 2026-01-31T12:00:00Z}), or null when absent. */
  public static java.time.Instant instantParam(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return java.time.Instant.parse(value.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidInputException("'" + name + "' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, not '" + value + "'");
    }
  }

  /** A text parameter, or null when absent or blank. */
  public static String textParam(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
