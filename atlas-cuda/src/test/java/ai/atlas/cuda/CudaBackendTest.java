package ai.atlas.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.atlas.model.ModelException;
import ai.atlas.model.backend.Backend;
import ai.atlas.model.backend.BackendProvider;
import ai.atlas.model.backend.Backends;
import ai.atlas.model.backend.ReferenceBackend;
import ai.atlas.model.objective.Advantages;
import ai.atlas.model.objective.LossType;
import org.junit.jupiter.api.Test;

/** The backend choice and how an absent GPU is reported; runs everywhere. */
class CudaBackendTest {

  @Test
  void theCpuCanAlwaysBeForced() {
    // the vector backend and its objective: the tests' JVM has the Vector API
    assertThat(Backends.choose("vector").grpoObjective().name()).isEqualTo("cpu-vector");
    assertThat(Backends.choose("cpu").grpoObjective().name()).isEqualTo("cpu");
  }

  @Test
  void theCudaProviderIsFoundOnTheClassPath() {
    assertThat(Backends.providers()).extracting(BackendProvider::name).containsExactly("cuda");
  }

  @Test
  void autoTakesCudaExactlyWhenADeviceIsAvailable() {
    CudaDevice.Availability cuda = CudaDevice.availability();
    Backend auto = Backends.choose("auto");
    assertThat(auto.grpoObjective().name()).isEqualTo(cuda.available() ? "cuda" : "cpu-vector");
    assertThat(auto.name()).startsWith(cuda.available() ? "cuda+vector" : "vector");
    assertThat(Backends.choose("").name()).isEqualTo(auto.name());
    assertThat(cuda.detail()).isNotBlank();
  }

  @Test
  void theCudaBackendLeavesTheProductsToTheCpu() {
    Backend cpu = new ReferenceBackend();
    Backend cuda = new CudaBackendProvider().create(cpu);
    float[] out = new float[2];
    cuda.matmulTransposed(out, new float[] {1, 2}, new float[] {3, 4, 5, 6}, null, 1, 2, 2);
    assertThat(out).containsExactly(11f, 17f);
    assertThat(cuda.name()).isEqualTo("cuda+reference");
  }

  @Test
  void withoutADriverCudaIsReportedUnavailableAndForcingItIsAClearError() {
    CudaDevice.Availability cuda = CudaDevice.availability();
    assumeFalse(cuda.available(), "a CUDA device is present");
    // the missing native library is an Error inside JCuda; here it is a reason, every time it is asked
    assertThat(CudaDevice.availability()).isEqualTo(cuda);
    assertThat(cuda.detail()).doesNotContain("\n");
    assertThatThrownBy(CudaDevice::get).isInstanceOf(CudaUnavailableException.class).hasMessage(cuda.detail());
    assertThatThrownBy(() -> Backends.choose("cuda")).isInstanceOf(ModelException.class)
        .hasMessageContaining("atlas.model.backend=cuda, but cuda is unavailable: ");
  }

  @Test
  void jcudasLoadingReportIsCutToTheDriversReason() {
    String report = """
        Error while loading native library "JCudaDriver-12.6.0-linux-x86_64"
        ---(start of nested stack traces)---
        java.lang.UnsatisfiedLinkError: no JCudaDriver-12.6.0-linux-x86_64 in java.library.path: /usr/lib
        java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file
        ---(end of nested stack traces)---""";
    assertThat(CudaDevice.nativeReason(new UnsatisfiedLinkError(report))).isEqualTo("libcuda.so.1: cannot open shared object file");
    assertThat(CudaDevice.nativeReason(new NoClassDefFoundError("Could not initialize class jcuda.driver.JCudaDriver\nmore")))
        .isEqualTo("NoClassDefFoundError: Could not initialize class jcuda.driver.JCudaDriver");
  }

  @Test
  void anUnknownBackendIsNamed() {
    assertThatThrownBy(() -> Backends.choose("tpu")).isInstanceOf(ModelException.class)
        .hasMessage("atlas.model.backend=tpu names no backend (auto, reference, cpu, vector, cuda)");
  }

  @Test
  void theKernelsNumberLossTypesAndScalesAsTheJavaEnumsDo() {
    // grpo.cu's LOSS_* and SCALE_* constants; the launchers pass ordinals
    assertThat(LossType.values()).containsExactly(LossType.GRPO, LossType.BNPO, LossType.DR_GRPO, LossType.DAPO);
    assertThat(Advantages.Scale.values()).containsExactly(Advantages.Scale.GROUP, Advantages.Scale.BATCH, Advantages.Scale.NONE);
  }

  @Test
  void bf16RoundsToNearestEven() {
    assertThat(Precision.fromBf16(Precision.toBf16(1.0f))).isEqualTo(1.0f);
    assertThat(Precision.fromBf16(Precision.toBf16(-3.5f))).isEqualTo(-3.5f);
    // 1 + 2^-8 lies halfway between 1 and 1 + 2^-7: ties go to the even mantissa, 1
    assertThat(Precision.fromBf16(Precision.toBf16(1.0f + 0x1p-8f))).isEqualTo(1.0f);
    assertThat(Precision.fromBf16(Precision.toBf16(1.0f + 3 * 0x1p-8f))).isEqualTo(1.0f + 0x1p-6f);
    assertThat(Precision.fromBf16(Precision.toBf16(Float.NaN))).isNaN();
    assertThat(Precision.fromBf16(Precision.toBf16(Float.POSITIVE_INFINITY))).isEqualTo(Float.POSITIVE_INFINITY);
  }
}
