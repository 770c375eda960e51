package ai.atlas.model.backend;

import ai.atlas.model.ModelException;
import java.lang.System.Logger.Level;

/**
 * Chooses the backend at start: the one named by the {@code atlas.model.backend} system property
 * ({@code reference} or {@code cpu}), else the fast CPU backend; the choice is logged.
 */
public final class Backends {

  public static final String PROPERTY = "atlas.model.backend";
  private static final System.Logger LOG = System.getLogger(Backends.class.getName());

  private Backends() {}

  public static Backend choose() {
    String forced = System.getProperty(PROPERTY, "").strip();
    Backend backend = switch (forced) {
      case "", "cpu" -> new CpuBackend();
      case "reference" -> new ReferenceBackend();
      default -> throw new ModelException(PROPERTY + "=" + forced + " names no backend (reference, cpu)");
    };
    LOG.log(Level.INFO, "model backend: " + backend.name() + (forced.isEmpty() ? " (the fastest available)" : " (forced by " + PROPERTY + ")"));
    return backend;
  }
}
