package ai.atlas.cli;

/** A failure the command reports in one line, with the exit code scripts can rely on. */
public final class CliFailure extends RuntimeException {

  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
