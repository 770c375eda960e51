package ai.atlas.model.backend;

/**
 * A backend that lives in another module (the CUDA one), found with {@link java.util.ServiceLoader}
 * so that this module never links to it. {@link Backends} asks whether it can run here, and
 * creates it over the best CPU backend, which serves whatever the provider does not accelerate.
 */
public interface BackendProvider {

  /** The name {@code atlas.model.backend} forces it by. */
  String name();

  /** Whether it can run on this machine, and why not. */
  Availability availability();

  /** The backend, over {@code cpu} for the operations it leaves to the CPU. */
  Backend create(Backend cpu);

  /** Whether a provider's backend can run here, with a detail (the device, or what is missing). */
  record Availability(boolean available, String detail) {}
}
