package ai.atlas.model.backend;

import ai.atlas.model.objective.GrpoObjective;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The CPU backend on the Vector API ({@code jdk.incubator.vector}, which the JVM must be started
 * with: {@code --add-modules jdk.incubator.vector}). The three products of a linear layer (forward,
 * input gradient, weight gradient) are one blocked, packed product ({@link PackedProduct}) that
 * reads each operand through its strides, cut between the threads along the longer side of the
 * result. Decoding (a forward product of one to three rows) runs as vector dot products instead,
 * which read each weight once and pack nothing. The threads are the caller and the JVM's
 * {@link HelperThreads}. Float sums are reassociated, so results differ from the reference in the
 * last bits; they are tested against it with tolerances.
 */
public final class VectorBackend implements Backend {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Forward products with fewer rows (decoding) run as dot products, which read each weight once and pack nothing. */
  private static final int DOT_ROWS = 4;
  /** Below this many multiply-adds a product runs on the calling thread alone (a handoff costs about 1 µs). */
  private static final long PARALLEL_WORK = 1 << 17;

  private final HelperThreads helpers = HelperThreads.shared();
  private final int threads;

  /** A backend that uses at most {@code threads} threads for one product (the caller and the shared helpers). */
  public VectorBackend(int threads) {
    this.threads = Math.max(1, Math.min(threads, helpers.threads()));
  }

  public VectorBackend() {
    this(Runtime.getRuntime().availableProcessors());
  }

  @Override
  public String name() {
    return "vector (" + S.vectorBitSize() + "-bit, " + threads + " threads)";
  }

  @Override
  public void matmulTransposed(float[] out, float[] x, float[] w, float[] bias, int rows, int k, int n) {
    if (rows < DOT_ROWS) {
      for (int r = 0; r < rows; r++) {
        dotRow(out, r * n, x, r * k, w, bias, k, n);
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      if (bias == null) {
        Arrays.fill(out, r * n, r * n + n, 0f);
      } else {
        System.arraycopy(bias, 0, out, r * n, n);
      }
    }
    // out[r][o] += sum_i x[r][i] * w[o][i]: A = x, B(i, o) = w[o * k + i], read down the weight's rows by the packing
    product(out, x, k, 1, w, 1, k, rows, k, n);
  }

  @Override
  public void matmulAccumulate(float[] out, float[] x, float[] w, int rows, int k, int n) {
    product(out, x, k, 1, w, n, 1, rows, k, n);
  }

  @Override
  public void weightGradient(float[] dw, float[] dy, float[] x, int rows, int k, int n) {
    // dw[o][:] += sum_r dy[r][o] * x[r][:]: C = dw (n rows), A(o, r) = dy[r * n + o], B = x
    product(dw, dy, 1, n, x, k, 1, n, rows, k);
  }

  /**
   * {@code c[m][j] += sum_p a[m * aRow + p * aCol] * b[p * bRow + j * bCol]} for m < rows, p <
   * depth, j < cols, cut into one part per thread along the side of C that {@link #byRows} picks.
   */
  private void product(float[] c, float[] a, int aRow, int aCol, float[] b, int bRow, int bCol, int rows, int depth, int cols) {
    int wanted = (long) rows * depth * cols < PARALLEL_WORK ? 1 : threads;
    boolean byRows = byRows(rows, depth, cols, wanted);
    int unit = byRows ? PackedProduct.MR : PackedProduct.NR;
    int side = byRows ? rows : cols;
    int tiles = (side + unit - 1) / unit;
    int parts = Math.min(wanted, tiles);
    helpers.run(parts, part -> {
      int from = Math.min(side, (int) ((long) tiles * part / parts) * unit);
      int to = part + 1 == parts ? side : Math.min(side, (int) ((long) tiles * (part + 1) / parts) * unit);
      if (byRows) {
        PackedProduct.multiply(c, cols, a, aRow, aCol, b, bRow, bCol, from, to, depth, 0, cols);
      } else {
        PackedProduct.multiply(c, cols, a, aRow, aCol, b, bRow, bCol, 0, rows, depth, from, to);
      }
    });
  }

  /**
   * Whether to cut C into bands of rows rather than of columns: the cut whose slowest part is
   * faster, counting its multiply-adds (about 16 a cycle) and the elements of B it packs (about
   * one a cycle). A cut by rows has every part pack all of B; a cut by columns packs each column
   * once, but its parts come in tiles of 48 columns, which divide a small C unevenly (64 × 128 by
   * columns is 48, 48 and 32: one part twice the other).
   */
  static boolean byRows(int rows, int depth, int cols, int parts) {
    long rowTiles = (rows + PackedProduct.MR - 1) / PackedProduct.MR;
    long colTiles = (cols + PackedProduct.NR - 1) / PackedProduct.NR;
    long largestRows = Math.min(rows, (rowTiles + parts - 1) / parts * PackedProduct.MR);
    long largestCols = Math.min(cols, (colTiles + parts - 1) / parts * PackedProduct.NR);
    long byRows = largestRows * cols * depth / 16 + (long) depth * cols;
    long byCols = rows * largestCols * depth / 16 + depth * largestCols;
    return byRows < byCols;
  }

  /** One row of the forward product as dot products over the weight's rows (decoding: each weight read once), outputs cut between the threads. */
  private void dotRow(float[] out, int outAt, float[] x, int xAt, float[] w, float[] bias, int k, int n) {
    int parts = (long) k * n < PARALLEL_WORK ? 1 : Math.min(threads, Math.max(1, n / 32));
    helpers.run(parts, part -> dots(out, outAt, x, xAt, w, bias, k, (int) ((long) n * part / parts),
        (int) ((long) n * (part + 1) / parts)));
  }

  private static void dots(float[] out, int outAt, float[] x, int xAt, float[] w, float[] bias, int k, int o0, int o1) {
    int kv = k - k % (2 * L);
    for (int o = o0; o < o1; o++) {
      int wo = o * k;
      FloatVector s0 = FloatVector.zero(S);
      FloatVector s1 = FloatVector.zero(S);
      int i = 0;
      for (; i < kv; i += 2 * L) {
        s0 = FloatVector.fromArray(S, x, xAt + i).fma(FloatVector.fromArray(S, w, wo + i), s0);
        s1 = FloatVector.fromArray(S, x, xAt + i + L).fma(FloatVector.fromArray(S, w, wo + i + L), s1);
      }
      for (; i + L <= k; i += L) {
        s0 = FloatVector.fromArray(S, x, xAt + i).fma(FloatVector.fromArray(S, w, wo + i), s0);
      }
      float tail = 0f; // scalar, not a masked vector: JDK 17 runs masked loads as slow Java code
      for (; i < k; i++) {
        tail += x[xAt + i] * w[wo + i];
      }
      out[outAt + o] = s0.add(s1).reduceLanes(VectorOperators.ADD) + tail + (bias == null ? 0f : bias[o]);
    }
  }

  @Override
  public GrpoObjective grpoObjective() {
    return new VectorGrpoObjective();
  }
}
