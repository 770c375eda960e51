package ai.atlas.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.model.grpo.GrpoFixtureCheck;
import ai.atlas.model.objective.Advantages;
import ai.atlas.model.objective.CpuGrpoObjective;
import ai.atlas.model.objective.GrpoBatch;
import ai.atlas.model.objective.GrpoParams;
import ai.atlas.model.objective.GrpoResult;
import ai.atlas.model.objective.LossType;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The GRPO math against the reference fixtures, and its gradient against finite differences. */
class GrpoTest {

  static Path fixtures() {
    try {
      return Path.of(GrpoTest.class.getResource("/grpo/README.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyFixtureIsReproducedWithinTheFloat32Tolerance() {
    List<Path> files = GrpoFixtureCheck.files(fixtures());
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    for (Path file : files) {
      GrpoFixtureCheck.Result result = GrpoFixtureCheck.check(file, new CpuGrpoObjective());
      assertThat(result.passed()).as("%s: error %s at %s", result.file(), result.maxError(), result.worstAt()).isTrue();
    }
  }

  @Test
  void theGradientOfEveryLossTypeMatchesFiniteDifferences() {
    Random random = new Random(4);
    int b = 3;
    int t = 4;
    int v = 6;
    float[] logits = new float[b * t * v];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) random.nextGaussian();
    }
    int[] tokens = new int[b * t];
    float[] mask = new float[b * t];
    float[] old = new float[b * t];
    float[] ref = new float[b * t];
    for (int i = 0; i < b * t; i++) {
      tokens[i] = random.nextInt(v);
      mask[i] = i % 5 == 4 ? 0 : 1;
      old[i] = (float) (-1.5 + 0.05 * random.nextGaussian());
      ref[i] = (float) (-1.7 + 0.3 * random.nextGaussian());
    }
    float[] advantages = {1.2f, -0.7f, 0.3f};
    for (LossType type : LossType.values()) {
      // a wide clip range keeps every token unclipped, where the loss is smooth
      GrpoParams params = new GrpoParams(type, 0.05, 0.8, 10, 10, 6, 9);
      GrpoBatch batch = new GrpoBatch(b, t, v, logits, tokens, mask, advantages, old, ref);
      GrpoResult result = new CpuGrpoObjective().compute(batch, params);
      for (int k = 0; k < 20; k++) {
        int i = random.nextInt(logits.length);
        float saved = logits[i];
        double eps = 1e-2;
        logits[i] = (float) (saved + eps);
        double plus = new CpuGrpoObjective().compute(batch, params).loss();
        logits[i] = (float) (saved - eps);
        double minus = new CpuGrpoObjective().compute(batch, params).loss();
        logits[i] = saved;
        double numeric = (plus - minus) / (2 * eps);
        assertThat((double) result.dLogits()[i]).as("%s dlogits[%d]", type, i)
            .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-4 + 1e-2 * Math.abs(numeric)));
      }
    }
  }

  @Test
  void advantagesAreGroupRelativeAndBadSettingsAreRefused() {
    double[] advantages = Advantages.compute(new double[] {1, 0, 0, 0}, 2, Advantages.Scale.NONE);
    assertThat(advantages).containsExactly(0.5, -0.5, 0, 0);
    assertThatThrownBy(() -> Advantages.compute(new double[] {1, 2, 3}, 2, Advantages.Scale.GROUP))
        .hasMessage("3 rewards do not form groups of 2");
    assertThatThrownBy(() -> new GrpoParams(LossType.DAPO, 0, 1, 0.2, 0.2, 4, null)).hasMessageContaining("num_items_in_batch");
    assertThatThrownBy(() -> LossType.of("ppo")).hasMessageContaining("not one of grpo, bnpo, dr_grpo, dapo");
  }
}
