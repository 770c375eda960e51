package ai.atlas.model.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The shared helper threads: every part runs once, failures reach the caller, concurrent callers stay correct. */
class HelperThreadsTest {

  private final HelperThreads helpers = HelperThreads.shared();

  @Test
  void everyPartRunsExactlyOnce() {
    for (int parts = 1; parts <= helpers.threads(); parts++) {
      AtomicIntegerArray runs = new AtomicIntegerArray(parts);
      helpers.run(parts, runs::incrementAndGet);
      for (int i = 0; i < parts; i++) {
        assertThat(runs.get(i)).as("part %d of %d", i, parts).isEqualTo(1);
      }
    }
    // more parts than threads: the caller runs them all
    AtomicIntegerArray runs = new AtomicIntegerArray(helpers.threads() + 3);
    helpers.run(runs.length(), runs::incrementAndGet);
    for (int i = 0; i < runs.length(); i++) {
      assertThat(runs.get(i)).isEqualTo(1);
    }
  }

  @Test
  void aPartThatThrowsFailsTheCallAndLeavesTheHelpersUsable() {
    int last = helpers.threads() - 1; // a helper's part where there is a helper, else the caller's
    assertThatThrownBy(() -> helpers.run(helpers.threads(), part -> {
      if (part == last) {
        throw new IllegalStateException("part " + part + " failed");
      }
    })).isInstanceOf(IllegalStateException.class).hasMessage("part " + last + " failed");
    AtomicIntegerArray runs = new AtomicIntegerArray(helpers.threads());
    helpers.run(helpers.threads(), runs::incrementAndGet);
    for (int i = 0; i < runs.length(); i++) {
      assertThat(runs.get(i)).isEqualTo(1);
    }
  }

  @Test
  void anIdleHelperEndsAndTheNextCallStartsANewOne() throws InterruptedException {
    HelperThreads quick = new HelperThreads(1, 10_000, 50_000_000); // polls 10 µs, ends after 50 ms asleep
    AtomicIntegerArray runs = new AtomicIntegerArray(2);
    quick.run(2, runs::incrementAndGet);
    assertThat(quick.running()).isEqualTo(1);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (quick.running() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(quick.running()).as("helpers alive after idling").isZero();
    quick.run(2, runs::incrementAndGet);
    assertThat(runs.get(0)).isEqualTo(2);
    assertThat(runs.get(1)).isEqualTo(2);
  }

  @Test
  void productsFromSeveralThreadsAtOnceAreEachRight() throws Exception {
    // one caller holds the helpers at a time; the others run their parts themselves
    Backend vector = new VectorBackend(2);
    Backend reference = new ReferenceBackend();
    int rows = 64;
    int k = 96;
    int n = 200;
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[][]>> results = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        int seed = c;
        results.add(callers.submit(() -> {
          Random random = new Random(seed);
          float[] x = new float[rows * k];
          float[] w = new float[n * k];
          for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
          }
          for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
          }
          float[] actual = new float[rows * n];
          for (int repeat = 0; repeat < 50; repeat++) {
            vector.matmulTransposed(actual, x, w, null, rows, k, n);
          }
          float[] expected = new float[rows * n];
          reference.matmulTransposed(expected, x, w, null, rows, k, n);
          return new float[][] {actual, expected};
        }));
      }
      for (Future<float[][]> result : results) {
        float[][] pair = result.get();
        for (int i = 0; i < pair[1].length; i++) {
          assertThat(Math.abs(pair[0][i] - pair[1][i])).as("element %d", i).isLessThan(1e-3f + 1e-4f * Math.abs(pair[1][i]));
        }
      }
    } finally {
      callers.shutdownNow();
    }
  }
}
