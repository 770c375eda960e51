package ai.atlas.model.backend;

import ai.atlas.model.ModelException;
import ai.atlas.model.grpo.CpuGrpoObjective;
import ai.atlas.model.grpo.GrpoObjective;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Chooses the backend at start: the one named by the {@code atlas.model.backend} system property
 * ({@code reference}, {@code cpu} or {@code vector}), else the vector backend where the JVM has the
 * Vector API and the multithreaded CPU backend where it has not; the choice is logged.
 */
public final class Backends {

  public static final String PROPERTY = "atlas.model.backend";
  private static final System.Logger LOG = System.getLogger(Backends.class.getName());

  private Backends() {}

  public static Backend choose() {
    String forced = System.getProperty(PROPERTY, "").strip();
    Backend backend = switch (forced) {
      case "" -> vector().orElseGet(CpuBackend::new);
      case "vector" -> vector().orElseThrow(() -> new ModelException(PROPERTY + "=vector needs the JVM started with"
          + " --add-modules jdk.incubator.vector"));
      case "cpu" -> new CpuBackend();
      case "reference" -> new ReferenceBackend();
      default -> throw new ModelException(PROPERTY + "=" + forced + " names no backend (reference, cpu, vector)");
    };
    LOG.log(Level.INFO, "model backend: " + backend.name() + (forced.isEmpty() ? " (the fastest available)" : " (forced by " + PROPERTY + ")"));
    return backend;
  }

  /**
   * The vector backend, where the JVM has the Vector API ({@code --add-modules
   * jdk.incubator.vector}, which the server's {@code jvm.options}, Maven's {@code .mvn/jvm.config}
   * and the tests' JVMs give). Loaded by name, so that without the module nothing links to it.
   */
  public static Optional<Backend> vector() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of((Backend) Class.forName("ai.atlas.model.backend.VectorBackend").getConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.log(Level.WARNING, "the vector backend cannot load (" + e + "); the plain CPU backend runs");
      return Optional.empty();
    }
  }

  /**
   * The GRPO objective on the CPU: the Vector API one where the JVM has the module, else the
   * plain one. {@code atlas.model.backend=reference|cpu} forces the plain one too.
   */
  public static GrpoObjective grpoObjective() {
    String forced = System.getProperty(PROPERTY, "").strip();
    if ((forced.isEmpty() || forced.equals("vector")) && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        return (GrpoObjective) Class.forName("ai.atlas.model.backend.VectorGrpoObjective").getConstructor()
            .newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        LOG.log(Level.WARNING, "the vector GRPO objective cannot load (" + e + "); the plain CPU objective runs");
      }
    }
    return new CpuGrpoObjective();
  }
}
