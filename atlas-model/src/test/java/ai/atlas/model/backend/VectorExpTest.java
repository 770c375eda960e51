package ai.atlas.model.backend;

import static org.assertj.core.api.Assertions.assertThat;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The GRPO objective's own vector exponential against {@link Math#exp}, over the range a softmax
 * feeds it, and its one-float twin (a row's last logits) against it, bit for bit.
 */
class VectorExpTest {

  @Test
  void theVectorExponentialIsWithinAFewUlpOfMathExpForEveryArgumentASoftmaxGives() {
    int lanes = FloatVector.SPECIES_PREFERRED.length();
    float[] x = new float[lanes];
    float[] y = new float[lanes];
    double worst = 0;
    for (float start = 0f; start > -87f; start -= lanes * 1e-3f) {
      for (int i = 0; i < lanes; i++) {
        x[i] = Math.max(-87f, start - i * 1e-3f);
      }
      VectorGrpoObjective.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0)).intoArray(y, 0);
      for (int i = 0; i < lanes; i++) {
        double exact = Math.exp(x[i]);
        double ulps = Math.abs(y[i] - exact) / Math.ulp((float) exact);
        worst = Math.max(worst, ulps);
      }
    }
    assertThat(worst).as("largest error in ulp over [-87, 0]").isLessThan(4);
    // e^0 is exactly one (the row's maximum), and far below the range the answer is negligible, not NaN
    x[0] = 0f;
    x[1] = -1000f;
    x[2] = Float.NEGATIVE_INFINITY;
    VectorGrpoObjective.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0)).intoArray(y, 0);
    assertThat(y[0]).isEqualTo(1f);
    assertThat(y[1]).isBetween(0f, 1e-37f);
    assertThat(y[2]).isBetween(0f, 1e-37f);
  }

  @Test
  void theOneFloatExponentialGivesTheBitsOfAVectorLane() {
    int lanes = FloatVector.SPECIES_PREFERRED.length();
    float[] x = new float[lanes];
    float[] y = new float[lanes];
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 20_000; round++) {
      for (int i = 0; i < lanes; i++) {
        x[i] = switch (random.nextInt(8)) {
          case 0 -> 0f;
          case 1 -> Float.NEGATIVE_INFINITY;
          case 2 -> -random.nextFloat() * 1000f;
          default -> -random.nextFloat() * 90f;
        };
      }
      VectorGrpoObjective.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0)).intoArray(y, 0);
      for (int i = 0; i < lanes; i++) {
        assertThat(Float.floatToRawIntBits(VectorGrpoObjective.exp(x[i]))).as("exp(%s)", x[i]).isEqualTo(Float.floatToRawIntBits(y[i]));
      }
    }
  }
}
