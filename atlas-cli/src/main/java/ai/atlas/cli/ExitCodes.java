package ai.atlas.cli;

/**
 * The exit codes: 0 done; 1 what was asked ran and failed (a failed session or job); 2 bad flags;
 * 3 the server cannot be reached; 4 not signed in or not allowed; 5 not found; 6 refused as bad
 * input or conflicting with the current state; 7 a server error.
 */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int UNREACHABLE = 3;
  public static final int DENIED = 4;
  public static final int NOT_FOUND = 5;
  public static final int REFUSED = 6;
  public static final int SERVER_ERROR = 7;

  private ExitCodes() {}

  /** The exit code of an HTTP error status. */
  static int ofStatus(int status) {
    return switch (status) {
      case 401, 403 -> DENIED;
      case 404 -> NOT_FOUND;
      case 400, 409, 413, 415, 422, 429, 503 -> REFUSED;
      default -> SERVER_ERROR;
    };
  }
}
