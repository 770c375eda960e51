package ai.atlas.model.bench;

import ai.atlas.model.backend.Backends;
import ai.atlas.model.objective.CpuGrpoObjective;
import ai.atlas.model.objective.GrpoBatch;
import ai.atlas.model.objective.GrpoObjective;
import ai.atlas.model.objective.GrpoParams;
import ai.atlas.model.objective.LossType;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The fused CPU GRPO objective's memory throughput against this machine's memory copy
 * bandwidth, measured in the same run: a pass reads the logits and writes their gradient
 * (8 bytes a logit), a copy reads and writes 8 bytes a float pair. Run: {@code ./mvnw -q -pl
 * atlas-model exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=ai.atlas.model.bench.GrpoObjectiveBenchmark}.
 */
public final class GrpoObjectiveBenchmark {

  /**
   * B × T × V: the demo model's vocabulary, then a 32 k and Qwen's 152 k vocabulary, then one
   * small enough (1 MiB of logits and 1 MiB of gradient) to stay in this machine's caches between
   * passes: memory does not bound that row, so it shows how fast the pass computes, which says
   * whether the rows above it wait on memory or on arithmetic.
   */
  private static final int[][] SHAPES = {{16, 64, 263}, {8, 128, 32_000}, {4, 128, 151_936}, {1, 8, 32_000}};

  private GrpoObjectiveBenchmark() {}

  public static void main(String[] args) {
    int threads = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "%d cores, Java %s%n", threads, Runtime.version());
    double copyOne = copyBandwidth(1);
    double copyAll = copyBandwidth(threads);
    System.out.printf(Locale.ROOT, "memory copy (System.arraycopy of 256 MiB, read + write): %.1f GB/s on 1 thread, %.1f GB/s on %d%n",
        copyOne, copyAll, threads);
    GrpoObjective vector = Backends.vector().orElseThrow().grpoObjective();
    GrpoObjective plain = new CpuGrpoObjective();
    String[] rows = new String[SHAPES.length];
    double[] vectorGbs = new double[SHAPES.length];
    for (int i = 0; i < SHAPES.length; i++) {
      int[] s = SHAPES[i];
      GrpoBatch batch = batch(s[0], s[1], s[2]);
      GrpoParams params = new GrpoParams(LossType.DAPO, 0.04, 1.0, 0.2, 0.28, s[1], s[0] * s[1]);
      double a = throughput(plain, batch, params);
      vectorGbs[i] = throughput(vector, batch, params);
      rows[i] = String.format(Locale.ROOT, "| %d × %d × %d | %.2f | %.2f |", s[0], s[1], s[2], a, vectorGbs[i]);
    }
    // the copy again, after the objectives: this shared machine's bandwidth moves between minutes,
    // and the table divides by the better of the two measurements
    double copyAgain = copyBandwidth(threads);
    double copyBest = Math.max(copyAll, copyAgain);
    System.out.printf(Locale.ROOT, "memory copy again after the objectives: %.1f GB/s on %d threads; the table divides by %.1f%n%n",
        copyAgain, threads, copyBest);
    System.out.println("| B × T × V | " + plain.name() + " GB/s | " + vector.name() + " GB/s | " + vector.name()
        + " / best copy bandwidth |");
    System.out.println("|---|---|---|---|");
    for (int i = 0; i < SHAPES.length; i++) {
      System.out.printf(Locale.ROOT, "%s %.2f |%n", rows[i], vectorGbs[i] / copyBest);
    }
  }

  /**
   * GB/s of the essential traffic (logits read, gradient written), best of several passes after
   * warm-up, writing into one gradient array as the trainer does (objectives that cannot allocate
   * theirs, and pay its zero-fill).
   */
  private static double throughput(GrpoObjective objective, GrpoBatch batch, GrpoParams params) {
    double bytes = 8.0 * batch.logits().length;
    float[] gradient = new float[batch.logits().length];
    long warm = System.nanoTime();
    for (int i = 0; i < 3 || System.nanoTime() - warm < 2_000_000_000L; i++) {
      objective.compute(batch, params, gradient); // until the JIT has compiled the passes: small shapes need many calls
    }
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      long start = System.nanoTime();
      objective.compute(batch, params, gradient);
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
    }
    return bytes / best / 1e9;
  }

  private static double copyBandwidth(int threads) {
    int n = 64 << 20;
    float[] from = new float[n];
    float[] to = new float[n];
    java.util.Arrays.fill(from, 1f);
    int chunk = n / threads;
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 6; i++) {
      long start = System.nanoTime();
      IntStream.range(0, threads).parallel().forEach(t -> System.arraycopy(from, t * chunk, to, t * chunk, chunk));
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
    }
    return 8.0 * n / best / 1e9;
  }

  private static GrpoBatch batch(int b, int t, int v) {
    return ai.atlas.model.grpo.RandomGrpoBatches.of(new Random(1), b, t, v, 1, false);
  }
}
