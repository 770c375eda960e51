package ai.atlas.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.atlas.model.backend.Backend;
import ai.atlas.model.backend.Backends;
import ai.atlas.model.backend.CpuBackend;
import ai.atlas.model.backend.ReferenceBackend;
import ai.atlas.model.backend.VectorBackend;
import ai.atlas.model.io.DTypes;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast backend against the reference, on shapes that exercise tiling and remainders. */
class BackendTest {

  private static float[] random(Random random, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) random.nextGaussian();
    }
    return out;
  }

  @Test
  void theCpuBackendComputesWhatTheReferenceDoes() {
    agreesWithTheReference(new CpuBackend(4));
  }

  @Test
  void theVectorBackendComputesWhatTheReferenceDoesOnOddShapesWithOneAndTwoThreads() {
    // the tests' JVMs have the Vector API (the surefire argLine): the fast path is always checked
    assertThat(Backends.vector()).as("the Vector API module is there").isPresent();
    assertThat(Backends.choose().name()).startsWith("vector");
    agreesWithTheReference(new VectorBackend(1));
    agreesWithTheReference(new VectorBackend(2));
  }

  private static void agreesWithTheReference(Backend cpu) {
    Backend reference = new ReferenceBackend();
    Random random = new Random(7);
    for (int[] shape : new int[][] {{1, 16, 50}, {7, 33, 61}, {64, 128, 257}, {3, 512, 5}, {4, 31, 17}, {9, 1, 3}, {13, 47, 35}, {128, 96, 200}, {2, 300, 70},
        // past one packed slice of depth (256), one block of rows (128) and one block of columns (1536); edge tiles on both sides
        {133, 600, 97}, {21, 257, 1601}, {200, 40, 49}, {300, 200, 150}}) {
      int rows = shape[0];
      int k = shape[1];
      int n = shape[2];
      float[] x = random(random, rows * k);
      float[] w = random(random, n * k);
      float[] bias = random(random, n);
      float[] expected = new float[rows * n];
      float[] actual = new float[rows * n];
      reference.matmulTransposed(expected, x, w, bias, rows, k, n);
      cpu.matmulTransposed(actual, x, w, bias, rows, k, n);
      assertClose(actual, expected, k);

      float[] dy = random(random, rows * n);
      float[] wk = random(random, n * k);
      float[] dxExpected = new float[rows * k];
      float[] dxActual = new float[rows * k];
      reference.matmulAccumulate(dxExpected, dy, wk, rows, n, k);
      cpu.matmulAccumulate(dxActual, dy, wk, rows, n, k);
      assertClose(dxActual, dxExpected, n);

      float[] dwExpected = new float[n * k];
      float[] dwActual = new float[n * k];
      reference.weightGradient(dwExpected, dy, x, rows, k, n);
      cpu.weightGradient(dwActual, dy, x, rows, k, n);
      assertClose(dwActual, dwExpected, rows);
    }
  }

  private static void assertClose(float[] actual, float[] expected, int terms) {
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-5f * terms + 1e-5f * Math.abs(expected[i])));
    }
  }

  @Test
  void halfPrecisionConversionsRoundToNearestEven() {
    assertThat(DTypes.half((short) 0x3c00)).isEqualTo(1.0f);
    assertThat(DTypes.half((short) 0xc000)).isEqualTo(-2.0f);
    assertThat(DTypes.half((short) 0x0001)).isEqualTo((float) Math.pow(2, -24));
    assertThat(DTypes.half((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(DTypes.toHalf(65504f)).isEqualTo((short) 0x7bff);
    assertThat(DTypes.toHalf(1e6f)).isEqualTo((short) 0x7c00);
    assertThat(DTypes.roundTripHalf(0.1f)).isEqualTo(0.0999755859375f);
    assertThat(DTypes.roundTripHalf(1.0f + 1.0f / 2048)).isEqualTo(1.0f); // a tie rounds to even
    assertThat(DTypes.roundTripBf16(1.0f + 1.0f / 256)).isEqualTo(1.0f);
    assertThat(DTypes.roundTripBf16(3.14159f)).isEqualTo(3.140625f);
  }
}
