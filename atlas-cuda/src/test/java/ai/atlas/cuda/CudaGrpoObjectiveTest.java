package ai.atlas.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.model.grpo.GrpoFixtureCheck;
import ai.atlas.model.objective.Advantages;
import ai.atlas.model.objective.CpuGrpoObjective;
import ai.atlas.model.objective.GrpoBatch;
import ai.atlas.model.objective.GrpoParams;
import ai.atlas.model.objective.GrpoResult;
import ai.atlas.model.objective.LossType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CUDA objective against the reference fixtures and against the CPU objective on random
 * batches of many shapes. Needs a GPU: skipped (not failed) where no driver or device is present.
 */
@EnabledIf(value = "gpuPresent", disabledReason = "no CUDA driver or device here")
class CudaGrpoObjectiveTest {

  /** The reference fixtures, kept once in the model module's test resources. */
  private static final Path FIXTURES = Path.of("../atlas-model/src/test/resources/grpo");

  static boolean gpuPresent() {
    return CudaDevice.availability().available();
  }

  static List<GrpoKernels.Variant> variants() {
    List<GrpoKernels.Variant> variants = new ArrayList<>(List.of(GrpoKernels.Variant.ROWS));
    if (gpuPresent() && CudaDevice.get().supportsClusters()) {
      variants.add(GrpoKernels.Variant.CLUSTER);
    }
    return variants;
  }

  @ParameterizedTest
  @MethodSource("variants")
  void everyFixtureIsReproducedWithinTheFloat32Tolerance(GrpoKernels.Variant variant) {
    CudaGrpoObjective objective = new CudaGrpoObjective(variant);
    List<Path> files = GrpoFixtureCheck.files(FIXTURES);
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    for (Path file : files) {
      GrpoFixtureCheck.Result result = GrpoFixtureCheck.check(file, objective);
      assertThat(result.passed()).as("%s: worst %s at %s", result.file(), result.worstRatio(), result.worstAt()).isTrue();
    }
  }

  /** Shapes: tiny, rows not a multiple of any block size, vocabularies odd, round and over 100k. */
  static Stream<Arguments> shapes() {
    int[][] shapes = {{1, 1, 2}, {2, 3, 7}, {3, 5, 1000}, {2, 7, 32001}, {4, 33, 4096}, {1, 3, 151936}, {2, 2, 100003},
        {1, 2, 262147}};
    List<Arguments> out = new ArrayList<>();
    for (GrpoKernels.Variant variant : variants()) {
      for (int[] shape : shapes) {
        out.add(Arguments.of(variant, shape[0], shape[1], shape[2]));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} B={1} T={2} V={3}")
  @MethodSource("shapes")
  void matchesTheCpuObjectiveOnRandomBatches(GrpoKernels.Variant variant, int b, int t, int v) {
    Random random = new Random(31L * b + 7L * t + v);
    for (LossType lossType : LossType.values()) {
      GrpoBatch batch = randomBatch(random, b, t, v, lossType.ordinal() % 2 == 0);
      GrpoParams params = new GrpoParams(lossType, lossType == LossType.GRPO ? 0.0 : 0.04, 0.7, 0.2, 0.28, t + 3,
          lossType == LossType.DAPO ? b * t + 5 : null);
      GrpoResult expected = new CpuGrpoObjective().compute(batch, params);
      GrpoResult got = new CudaGrpoObjective(variant).compute(batch, params);
      assertClose(lossType + " logp", got.logp(), expected.logp(), GrpoFixtureCheck.ABSOLUTE, GrpoFixtureCheck.RELATIVE);
      assertClose(lossType + " dlogits", got.dLogits(), expected.dLogits(), GrpoFixtureCheck.ABSOLUTE, GrpoFixtureCheck.RELATIVE);
      assertClose(lossType + " loss", new float[] {(float) got.loss()}, new float[] {(float) expected.loss()}, GrpoFixtureCheck.ABSOLUTE,
          GrpoFixtureCheck.RELATIVE);
      assertThat(got.klMean()).isCloseTo(expected.klMean(), Offset.offset(1e-5 + 1e-4 * Math.abs(expected.klMean())));
      assertThat(got.clipFraction()).isEqualTo(expected.clipFraction());
    }
  }

  @Test
  void bf16LogitsMatchTheCpuOnTheSameRoundedValuesWithinTheBf16Tolerance() {
    int b = 2;
    int t = 5;
    int v = 151936;
    Random random = new Random(5);
    GrpoBatch exact = randomBatch(random, b, t, v, true);
    short[] bits = new short[exact.logits().length];
    float[] rounded = new float[bits.length];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = Precision.toBf16(exact.logits()[i]);
      rounded[i] = Precision.fromBf16(bits[i]);
    }
    GrpoBatch batch = new GrpoBatch(b, t, v, rounded, exact.tokens(), exact.mask(), exact.advantages(), exact.oldLogp(), exact.refLogp());
    GrpoParams params = new GrpoParams(LossType.BNPO, 0.04, 1.0, 0.2, 0.2, t, null);
    GrpoResult expected = new CpuGrpoObjective().compute(batch, params);
    GrpoKernels kernels = GrpoKernels.get();
    for (GrpoKernels.Variant variant : variants()) {
      int rows = b * t;
      try (DeviceBuffer logits = DeviceBuffer.of(bits); DeviceBatch device = new DeviceBatch(batch, params)) {
        kernels.tokenWeights(device.mask, b, t, params, device.weights);
        // in place: the gradient overwrites the logits
        kernels.fused(variant, Precision.BF16, logits, logits, rows, v, t, params, device.fusedArgs());
        kernels.device().synchronize("bf16 test");
        assertClose("bf16 logp", device.logp.floats(rows), expected.logp(), 1e-3, 1e-2);
        short[] gradient = logits.shorts(bits.length);
        float[] widened = new float[gradient.length];
        for (int i = 0; i < gradient.length; i++) {
          widened[i] = Precision.fromBf16(gradient[i]);
        }
        assertClose("bf16 dlogits", widened, expected.dLogits(), 1e-3, 1e-2);
      }
    }
  }

  @Test
  void everyGradientElementIsWrittenEvenWhereTheMaskIsZero() {
    int b = 3;
    int t = 4;
    int v = 30011;
    Random random = new Random(17);
    GrpoBatch batch = randomBatch(random, b, t, v, true);
    batch.mask()[0] = 0;
    GrpoParams params = new GrpoParams(LossType.GRPO, 0.04, 1.0, 0.2, 0.2, t, null);
    GrpoResult expected = new CpuGrpoObjective().compute(batch, params);
    GrpoKernels kernels = GrpoKernels.get();
    int rows = b * t;
    for (GrpoKernels.Variant variant : variants()) {
      try (DeviceBuffer logits = DeviceBuffer.of(batch.logits());
          DeviceBuffer dlogits = DeviceBuffer.allocate(4L * batch.logits().length);
          DeviceBatch device = new DeviceBatch(batch, params)) {
        // 0xFF bytes are NaN: an element the kernel skips cannot pass the comparison
        dlogits.fill((byte) 0xFF);
        device.logp.fill((byte) 0xFF);
        kernels.tokenWeights(device.mask, b, t, params, device.weights);
        kernels.fused(variant, Precision.F32, logits, dlogits, rows, v, t, params, device.fusedArgs());
        kernels.device().synchronize("poisoned output test");
        assertClose("logp", device.logp.floats(rows), expected.logp(), GrpoFixtureCheck.ABSOLUTE, GrpoFixtureCheck.RELATIVE);
        assertClose("dlogits", dlogits.floats(batch.logits().length), expected.dLogits(), GrpoFixtureCheck.ABSOLUTE,
            GrpoFixtureCheck.RELATIVE);
      }
    }
  }

  @Test
  void inPlaceAndRepeatedPassesGiveTheSameBits() {
    Random random = new Random(9);
    GrpoBatch batch = randomBatch(random, 3, 4, 50257, true);
    GrpoParams params = new GrpoParams(LossType.GRPO, 0.04, 1.0, 0.2, 0.2, 4, null);
    for (GrpoKernels.Variant variant : variants()) {
      GrpoResult first = new CudaGrpoObjective(variant).compute(batch, params);
      GrpoResult second = new CudaGrpoObjective(variant).compute(batch, params);
      assertThat(second.dLogits()).isEqualTo(first.dLogits());
      assertThat(second.logp()).isEqualTo(first.logp());
      assertThat(second.loss()).isEqualTo(first.loss());
    }
  }

  @Test
  void theAdvantageKernelMatchesTheFixturesAndRejectsBrokenGroups() {
    CudaGrpoObjective objective = new CudaGrpoObjective();
    for (String name : List.of("adv_batch.json", "adv_group.json", "adv_none.json")) {
      GrpoFixtureCheck.Result result = GrpoFixtureCheck.check(FIXTURES.resolve(name), objective);
      assertThat(result.passed()).as(name + " " + result.worstAt()).isTrue();
    }
    assertThatThrownBy(() -> objective.advantages(new double[] {1, 2, 3}, 2, Advantages.Scale.GROUP))
        .hasMessageContaining("do not form groups of 2");
  }

  private static GrpoBatch randomBatch(Random random, int b, int t, int v, boolean offPolicy) {
    float[] logits = new float[b * t * v];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) (3 * random.nextGaussian());
    }
    int[] tokens = new int[b * t];
    float[] mask = new float[b * t];
    float[] old = new float[b * t];
    float[] ref = new float[b * t];
    for (int i = 0; i < b * t; i++) {
      tokens[i] = random.nextInt(v);
      mask[i] = random.nextInt(5) == 0 ? 0 : 1;
      old[i] = (float) (-Math.log(v) + random.nextGaussian());
      ref[i] = (float) (-Math.log(v) + random.nextGaussian());
    }
    float[] advantages = new float[b];
    for (int i = 0; i < b; i++) {
      advantages[i] = (float) random.nextGaussian();
    }
    return new GrpoBatch(b, t, v, logits, tokens, mask, advantages, offPolicy ? old : null, ref);
  }

  private static void assertClose(String what, float[] got, float[] expected, double absolute, double relative) {
    assertThat(got).hasSameSizeAs(expected);
    for (int i = 0; i < got.length; i++) {
      double tolerance = absolute + relative * Math.abs(expected[i]);
      if (!(Math.abs(got[i] - expected[i]) <= tolerance)) {
        throw new AssertionError(what + "[" + i + "]: " + got[i] + " expected " + expected[i] + " within " + tolerance);
      }
    }
  }
}
