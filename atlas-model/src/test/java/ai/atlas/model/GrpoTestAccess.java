package ai.atlas.model;

import java.nio.file.Path;

/** The GRPO fixtures' folder, for tests in other packages. */
public final class GrpoTestAccess {

  private GrpoTestAccess() {}

  public static Path fixtures() {
    return GrpoTest.fixtures();
  }
}
