package ai.atlas.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.atlas.model.backend.CpuBackend;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.train.AdamW;
import ai.atlas.model.train.CrossEntropy;
import ai.atlas.model.train.GradientClipping;
import ai.atlas.model.train.LearningRate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingTest {

  private static double[] train(int steps) {
    Transformer model = Transformer.load(Checkpoint.load(TinyLlamaTest.fixture()), new CpuBackend(2));
    Transformer.Weights grads = model.weights().zerosLike();
    AdamW optimizer = new AdamW(model.weights().parameters(), 0.9, 0.95, 1e-8, 0.01);
    LearningRate schedule = new LearningRate(3e-2, 5, steps, LearningRate.Shape.COSINE, 0.1);
    int[] sequence = {2, 11, 29, 31, 5, 17, 40, 3};
    boolean[] mask = {false, false, false, true, true, true, true, true};
    double first = 0;
    double last = 0;
    for (int step = 0; step < steps; step++) {
      grads.clear();
      CrossEntropy.Result result = CrossEntropy.step(model, sequence, mask, 1.0, grads);
      GradientClipping.clip(grads.parameters(), 1.0);
      optimizer.step(model.weights().parameters(), grads.parameters(), schedule.at(step));
      if (step == 0) {
        first = result.loss();
      }
      last = result.loss();
    }
    double checksum = 0;
    for (float[] p : model.weights().parameters()) {
      for (float v : p) {
        checksum += v;
      }
    }
    return new double[] {first, last, checksum};
  }

  @Test
  void adamWLearnsASequenceAndTheSameRunGivesTheSameWeights() {
    double[] run = train(60);
    double[] again = train(60);

    assertThat(run[1]).as("loss after training, from %s", run[0]).isLessThan(run[0] / 5);
    assertThat(again).containsExactly(run);
  }

  @Test
  void schedulesWarmUpThenDecay() {
    LearningRate cosine = new LearningRate(1.0, 10, 110, LearningRate.Shape.COSINE, 0.1);
    assertThat(cosine.at(0)).isEqualTo(0.1);
    assertThat(cosine.at(9)).isEqualTo(1.0);
    assertThat(cosine.at(60)).isCloseTo(0.55, within(1e-12));
    assertThat(cosine.at(110)).isCloseTo(0.1, within(1e-12));
    LearningRate linear = new LearningRate(2.0, 0, 100, LearningRate.Shape.LINEAR, 0.0);
    assertThat(linear.at(50)).isEqualTo(1.0);
    assertThat(new LearningRate(2.0, 0, 100, LearningRate.Shape.CONSTANT, 0).at(99)).isEqualTo(2.0);
  }

  @Test
  void clippingScalesAllGradientsToTheNorm() {
    float[] a = {3, 0};
    float[] b = {0, 4};
    double norm = GradientClipping.clip(List.of(a, b), 1.0);

    assertThat(norm).isEqualTo(5.0);
    assertThat(a[0]).isCloseTo(0.6f, within(1e-5f));
    assertThat(b[1]).isCloseTo(0.8f, within(1e-5f));
    float[] small = {0.1f};
    GradientClipping.clip(List.of(small), 1.0);
    assertThat(small[0]).isEqualTo(0.1f);
  }

  @Test
  void adamWsFirstStepMovesEachWeightByTheLearningRate() {
    float[] w = {1.0f, -2.0f};
    float[] g = {0.5f, -3.0f};
    AdamW optimizer = new AdamW(List.of(w), 0.9, 0.999, 1e-8, 0.0);
    optimizer.step(List.of(w), List.of(g), 0.1);
    // bias-corrected first step: m̂ = g, v̂ = g², so the update is lr * sign(g)
    assertThat(w[0]).isCloseTo(0.9f, within(1e-6f));
    assertThat(w[1]).isCloseTo(-1.9f, within(1e-6f));
    AdamW decaying = new AdamW(List.of(new float[] {1.0f}), 0.9, 0.999, 1e-8, 0.5);
    float[] x = {1.0f};
    decaying.step(List.of(x), List.of(new float[] {0f}), 0.1);
    assertThat(x[0]).isCloseTo(0.95f, within(1e-6f)); // decoupled decay: w -= lr * wd * w
  }
}
