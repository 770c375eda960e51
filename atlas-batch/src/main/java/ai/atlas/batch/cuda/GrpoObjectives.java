package ai.atlas.batch.cuda;

import ai.atlas.model.ModelException;
import ai.atlas.model.backend.Backends;
import ai.atlas.model.grpo.GrpoObjective;
import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Chooses the GRPO objective's backend once, at start: CUDA when a driver and a device are
 * present, else the CPU; {@code -Datlas.grpo.backend=cpu|cuda} forces one (forcing CUDA where
 * there is none is an error, not a silent fallback). The choice is logged with its reason.
 */
public final class GrpoObjectives {

  public static final String PROPERTY = "atlas.grpo.backend";
  private static final System.Logger LOG = System.getLogger(GrpoObjectives.class.getName());

  private GrpoObjectives() {}

  /** The backend the system property asks for (empty or {@code auto}: the best available). */
  public static GrpoObjective choose() {
    return choose(System.getProperty(PROPERTY, ""));
  }

  public static GrpoObjective choose(String requested) {
    String backend = requested == null ? "" : requested.strip().toLowerCase(Locale.ROOT);
    switch (backend) {
      case "cpu" -> {
        GrpoObjective cpu = Backends.grpoObjective();
        LOG.log(Level.INFO, "GRPO objective: " + cpu.name() + " (forced by " + PROPERTY + ")");
        return cpu;
      }
      case "cuda" -> {
        CudaDevice.Availability cuda = CudaDevice.availability();
        if (!cuda.available()) {
          throw new ModelException(PROPERTY + "=cuda, but CUDA is unavailable: " + cuda.detail());
        }
        LOG.log(Level.INFO, "GRPO objective: cuda on " + cuda.detail() + " (forced by " + PROPERTY + ")");
        return new CudaGrpoObjective();
      }
      case "", "auto" -> {
        CudaDevice.Availability cuda = CudaDevice.availability();
        if (cuda.available()) {
          LOG.log(Level.INFO, "GRPO objective: cuda on " + cuda.detail());
          return new CudaGrpoObjective();
        }
        GrpoObjective cpu = Backends.grpoObjective();
        LOG.log(Level.INFO, "GRPO objective: " + cpu.name() + " (CUDA unavailable: " + cuda.detail() + ")");
        return cpu;
      }
      default -> throw new ModelException(PROPERTY + "=" + requested + " names no backend (auto, cpu, cuda)");
    }
  }
}
