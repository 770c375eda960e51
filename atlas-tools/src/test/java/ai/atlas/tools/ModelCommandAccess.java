package ai.atlas.tools;

/** Lets tests run the command without exiting the JVM. */
public final class ModelCommandAccess {

  private ModelCommandAccess() {}

  public static int run(String... args) {
    return ModelCommand.run(args);
  }
}
