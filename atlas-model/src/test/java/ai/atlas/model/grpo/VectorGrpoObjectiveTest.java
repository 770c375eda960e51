package ai.atlas.model.grpo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.model.backend.Backends;
import ai.atlas.model.objective.CpuGrpoObjective;
import ai.atlas.model.objective.GrpoBatch;
import ai.atlas.model.objective.GrpoObjective;
import ai.atlas.model.objective.GrpoParams;
import ai.atlas.model.objective.GrpoResult;
import ai.atlas.model.objective.LossType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Vector API objective against the double-precision CPU objective and the reference fixtures. */
class VectorGrpoObjectiveTest {

  private static GrpoObjective vector() {
    GrpoObjective objective = Backends.vector().orElseThrow().grpoObjective();
    assertThat(objective.name()).as("the tests' JVM has the Vector API").isEqualTo("cpu-vector");
    return objective;
  }

  @Test
  void everyFixtureIsReproducedWithinTheFloat32Tolerance() {
    for (var file : GrpoFixtureCheck.files(ai.atlas.model.GrpoTestAccess.fixtures())) {
      GrpoFixtureCheck.Result result = GrpoFixtureCheck.check(file, vector());
      assertThat(result.passed()).as("%s: error %s at %s", result.file(), result.maxError(), result.worstAt()).isTrue();
    }
  }

  @Test
  void oddShapesMatchTheCpuObjective() {
    Random random = new Random(7);
    for (int[] shape : List.of(new int[] {1, 1, 1}, new int[] {2, 3, 17}, new int[] {3, 5, 1000}, new int[] {2, 4, 50_257})) {
      for (LossType type : LossType.values()) {
        GrpoBatch batch = batch(random, shape[0], shape[1], shape[2]);
        GrpoParams params = new GrpoParams(type, 0.04, 0.7, 0.2, 0.28, shape[1], shape[0] * shape[1]);
        GrpoResult expected = new CpuGrpoObjective().compute(batch, params);
        GrpoResult actual = vector().compute(batch, params);
        String what = type + " " + java.util.Arrays.toString(shape);
        assertThat(actual.loss()).as(what).isCloseTo(expected.loss(), org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(expected.loss()))));
        assertThat(actual.klMean()).as(what).isCloseTo(expected.klMean(), org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(expected.klMean()))));
        assertThat(actual.clipFraction()).as(what).isEqualTo(expected.clipFraction());
        for (int i = 0; i < expected.logp().length; i++) {
          assertThat(actual.logp()[i]).as(what + " logp " + i).isCloseTo(expected.logp()[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
        double worst = 0;
        double largest = 0;
        for (int i = 0; i < expected.dLogits().length; i++) {
          worst = Math.max(worst, Math.abs(actual.dLogits()[i] - expected.dLogits()[i]));
          largest = Math.max(largest, Math.abs(expected.dLogits()[i]));
        }
        assertThat(worst).as(what + " gradient").isLessThanOrEqualTo(1e-4 * largest); // float32 softmax over 50 k logits against double
      }
    }
  }

  @Test
  void aPassRepeatsBitForBit() {
    GrpoBatch batch = batch(new Random(3), 4, 6, 4099);
    GrpoParams params = new GrpoParams(LossType.DAPO, 0.04, 1.0, 0.2, 0.2, 6, 24);
    GrpoResult first = vector().compute(batch, params);
    GrpoResult second = vector().compute(batch, params);
    assertThat(second.loss()).isEqualTo(first.loss());
    assertThat(second.dLogits()).isEqualTo(first.dLogits());
  }

  /** Old and reference log-probs near the policy's, as in training: some ratios clip, the KL is small. */
  private static GrpoBatch batch(Random random, int b, int t, int v) {
    GrpoBatch raw = rawBatch(random, b, t, v);
    float[] current = new CpuGrpoObjective().compute(new GrpoBatch(b, t, v, raw.logits(), raw.tokens(), raw.mask(), raw.advantages(),
        null, null), new GrpoParams(LossType.BNPO, 0, 0.7, 0.2, 0.28, t, null)).logp();
    float[] old = new float[b * t];
    float[] ref = new float[b * t];
    for (int i = 0; i < b * t; i++) {
      old[i] = (float) (current[i] + random.nextGaussian() * 0.3);
      ref[i] = (float) (current[i] + random.nextGaussian() * 0.3);
    }
    return new GrpoBatch(b, t, v, raw.logits(), raw.tokens(), raw.mask(), raw.advantages(), old, ref);
  }

  private static GrpoBatch rawBatch(Random random, int b, int t, int v) {
    return RandomGrpoBatches.of(random, b, t, v, 3, true);
  }
}
