package ai.atlas.cuda;

import ai.atlas.model.backend.Backend;
import ai.atlas.model.backend.BackendProvider;

/**
 * Offers {@link CudaBackend} to the model engine's chooser ({@code META-INF/services}): available
 * where the driver loads and a device answers, with the reason where not.
 */
public final class CudaBackendProvider implements BackendProvider {

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public Availability availability() {
    CudaDevice.Availability cuda = CudaDevice.availability();
    return new Availability(cuda.available(), cuda.detail());
  }

  @Override
  public Backend create(Backend cpu) {
    return new CudaBackend(cpu);
  }
}
