package ai.atlas.model.backend;

import ai.atlas.model.ModelException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Chooses the backend once, at start, and logs the choice with its reason. The
 * {@code atlas.model.backend} system property forces one ({@code reference}, {@code cpu},
 * {@code vector}, or a provider's name such as {@code cuda}); forcing one that cannot run here is an
 * error, never a silent fallback. Unset (or {@code auto}): the first {@link BackendProvider} that
 * can run here (CUDA on a machine with a driver and a device), else the vector backend where the
 * JVM has the Vector API, else the multithreaded CPU backend. The products and the GRPO objective
 * both come from the one choice.
 */
public final class Backends {

  public static final String PROPERTY = "atlas.model.backend";
  /** The GRPO objective's own property before there was one chooser: still read, with a warning, where the new one is unset. */
  static final String FORMER_GRPO_PROPERTY = "atlas.grpo.backend";
  private static final System.Logger LOG = System.getLogger(Backends.class.getName());

  private static volatile Backend chosen;

  private Backends() {}

  /** The backend of this JVM, as the system property asks: chosen at the first call, the same ever after. */
  public static Backend choose() {
    Backend current = chosen;
    if (current == null) {
      synchronized (Backends.class) {
        if (chosen == null) {
          chosen = choose(requested(System.getProperties()));
        }
        current = chosen;
      }
    }
    return current;
  }

  /**
   * The backend the properties ask for: {@code atlas.model.backend}, else the former
   * {@code atlas.grpo.backend} ({@code cpu} there meant the fastest CPU objective: {@code vector}
   * where the JVM has the Vector API).
   */
  static String requested(java.util.Properties properties) {
    String requested = properties.getProperty(PROPERTY, "").strip();
    String former = properties.getProperty(FORMER_GRPO_PROPERTY, "").strip().toLowerCase(Locale.ROOT);
    if (!requested.isEmpty() || former.isEmpty()) {
      return requested;
    }
    LOG.log(Level.WARNING, FORMER_GRPO_PROPERTY + " is read for now; set " + PROPERTY + " instead");
    return former.equals("cpu") ? (hasVectorApi() ? "vector" : "cpu") : former;
  }

  /** The backend {@code requested} names (empty or {@code auto}: the best that can run here), logged. */
  public static Backend choose(String requested) {
    String name = requested == null ? "" : requested.strip().toLowerCase(Locale.ROOT);
    Backend backend;
    String why;
    switch (name) {
      case "", "auto" -> {
        Optional<BackendProvider> accelerated = providers().stream().filter(p -> p.availability().available()).findFirst();
        if (accelerated.isPresent()) {
          backend = accelerated.get().create(bestCpu());
          why = "on " + accelerated.get().availability().detail();
        } else {
          backend = bestCpu();
          why = "the fastest available" + providers().stream().map(p -> "; " + p.name() + " unavailable: "
              + p.availability().detail()).collect(Collectors.joining());
        }
      }
      case "vector" -> {
        backend = vector().orElseThrow(() -> new ModelException(PROPERTY + "=vector needs the JVM started with"
            + " --add-modules jdk.incubator.vector"));
        why = "forced by " + PROPERTY;
      }
      case "cpu" -> {
        backend = new CpuBackend();
        why = "forced by " + PROPERTY;
      }
      case "reference" -> {
        backend = new ReferenceBackend();
        why = "forced by " + PROPERTY;
      }
      default -> {
        BackendProvider provider = providers().stream().filter(p -> p.name().equals(name)).findFirst()
            .orElseThrow(() -> new ModelException(PROPERTY + "=" + requested + " names no backend (auto, reference, cpu, vector"
                + providers().stream().map(p -> ", " + p.name()).collect(Collectors.joining()) + ")"));
        BackendProvider.Availability availability = provider.availability();
        if (!availability.available()) {
          throw new ModelException(PROPERTY + "=" + name + ", but " + name + " is unavailable: " + availability.detail());
        }
        backend = provider.create(bestCpu());
        why = "on " + availability.detail() + ", forced by " + PROPERTY;
      }
    }
    LOG.log(Level.INFO, "model backend: " + backend.name() + " (" + why + ")");
    return backend;
  }

  /** The fastest CPU backend of this JVM: vector where it has the Vector API, else the multithreaded loops. */
  public static Backend bestCpu() {
    return vector().orElseGet(CpuBackend::new);
  }

  /** The backends of other modules on the class path (the CUDA one), in class-path order. */
  public static List<BackendProvider> providers() {
    return ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get).toList();
  }

  /**
   * The vector backend, where the JVM has the Vector API ({@code --add-modules
   * jdk.incubator.vector}, which the server's {@code jvm.options}, Maven's {@code .mvn/jvm.config}
   * and the tests' JVMs give). Loaded by name, so that without the module nothing links to it.
   */
  public static Optional<Backend> vector() {
    if (!hasVectorApi()) {
      return Optional.empty();
    }
    try {
      return Optional.of((Backend) Class.forName("ai.atlas.model.backend.VectorBackend").getConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.log(Level.WARNING, "the vector backend cannot load (" + e + "); the plain CPU backend runs");
      return Optional.empty();
    }
  }

  private static boolean hasVectorApi() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }
}
