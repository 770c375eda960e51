package ai.atlas.model.backend;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The CPU backend on the Vector API ({@code jdk.incubator.vector}, which the JVM must be started
 * with: {@code --add-modules jdk.incubator.vector}). Every product with more than a few rows runs
 * as one register-blocked kernel, {@code C[m][:] (+)= sum_p A(m, p) * B[p][:]}: four rows of
 * {@code C} by two vectors of its columns stay in registers while {@code p} runs, each step one
 * broadcast of {@code A} and one fused multiply-add per accumulator, so the loads of {@code B}
 * are shared by four rows. The forward product transposes the weight once to get that layout; the
 * input gradient has it already; the weight gradient reads {@code A} down the columns of
 * {@code dy}. Decoding (one row) runs as vector dot products, which read each weight once.
 * Float sums are reassociated, so results differ from the reference in the last bits; they are
 * tested against it with tolerances.
 */
public final class VectorBackend implements Backend {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Rows of C a kernel call holds in registers. */
  private static final int BLOCK_ROWS = 4;
  /** Below this many multiply-adds a product runs on the calling thread. */
  private static final long PARALLEL_WORK = 1 << 18;

  private final ForkJoinPool pool;

  public VectorBackend(int threads) {
    this.pool = new ForkJoinPool(Math.max(1, threads));
  }

  public VectorBackend() {
    this(Runtime.getRuntime().availableProcessors());
  }

  @Override
  public String name() {
    return "vector (" + S.vectorBitSize() + "-bit, " + pool.getParallelism() + " threads)";
  }

  @Override
  public void matmulTransposed(float[] out, float[] x, float[] w, float[] bias, int rows, int k, int n) {
    if (rows < BLOCK_ROWS) {
      for (int r = 0; r < rows; r++) {
        dotRow(out, r * n, x, r * k, w, bias, k, n);
      }
      return;
    }
    float[] wT = transposed(w, n, k);
    for (int r = 0; r < rows; r++) {
      if (bias == null) {
        java.util.Arrays.fill(out, r * n, r * n + n, 0f);
      } else {
        System.arraycopy(bias, 0, out, r * n, n);
      }
    }
    product(out, x, k, 1, wT, rows, k, n);
  }

  /** Each thread's transpose buffer: a new one per call would cost its allocation and zeroing each time. */
  private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

  private static float[] transposed(float[] w, int n, int k) {
    float[] t = SCRATCH.get();
    if (t.length < n * k) {
      t = new float[n * k];
      SCRATCH.set(t);
    }
    CpuBackend.transpose(w, n, k, t);
    return t;
  }

  @Override
  public void matmulAccumulate(float[] out, float[] x, float[] w, int rows, int k, int n) {
    product(out, x, k, 1, w, rows, k, n);
  }

  @Override
  public void weightGradient(float[] dw, float[] dy, float[] x, int rows, int k, int n) {
    // dw[o][:] += sum_r dy[r][o] * x[r][:]: C = dw (n rows), A(o, r) = dy[r * n + o], B = x
    product(dw, dy, 1, n, x, n, rows, k);
  }

  /** {@code c[m][j] += sum_p a[m * aRow + p * aCol] * b[p][j]} for m < rows, p < depth, j < cols. */
  private void product(float[] c, float[] a, int aRow, int aCol, float[] b, int rows, int depth, int cols) {
    long work = (long) rows * depth * cols;
    if (work < PARALLEL_WORK || pool.getParallelism() == 1 || rows < 2 * BLOCK_ROWS) {
      rowsOf(c, a, aRow, aCol, b, 0, rows, depth, cols);
    } else {
      pool.invoke(new Split(c, a, aRow, aCol, b, 0, rows, depth, cols));
    }
  }

  private static void rowsOf(float[] c, float[] a, int aRow, int aCol, float[] b, int m0, int m1, int depth, int cols) {
    int m = m0;
    for (; m + BLOCK_ROWS <= m1; m += BLOCK_ROWS) {
      fourRows(c, a, aRow, aCol, b, m, depth, cols);
    }
    for (; m < m1; m++) {
      oneRow(c, a, aRow, aCol, b, m, depth, cols);
    }
  }

  /** Rows m..m+3 of C: two vectors of columns at a time, then one, then a masked tail. */
  private static void fourRows(float[] c, float[] a, int aRow, int aCol, float[] b, int m, int depth, int cols) {
    int c0 = m * cols;
    int c1 = c0 + cols;
    int c2 = c1 + cols;
    int c3 = c2 + cols;
    int a0 = m * aRow;
    int a1 = a0 + aRow;
    int a2 = a1 + aRow;
    int a3 = a2 + aRow;
    int j = 0;
    for (; j + 2 * L <= cols; j += 2 * L) {
      FloatVector s00 = FloatVector.fromArray(S, c, c0 + j);
      FloatVector s01 = FloatVector.fromArray(S, c, c0 + j + L);
      FloatVector s10 = FloatVector.fromArray(S, c, c1 + j);
      FloatVector s11 = FloatVector.fromArray(S, c, c1 + j + L);
      FloatVector s20 = FloatVector.fromArray(S, c, c2 + j);
      FloatVector s21 = FloatVector.fromArray(S, c, c2 + j + L);
      FloatVector s30 = FloatVector.fromArray(S, c, c3 + j);
      FloatVector s31 = FloatVector.fromArray(S, c, c3 + j + L);
      for (int p = 0, ap = 0, bp = j; p < depth; p++, ap += aCol, bp += cols) {
        FloatVector v0 = FloatVector.fromArray(S, b, bp);
        FloatVector v1 = FloatVector.fromArray(S, b, bp + L);
        FloatVector u = FloatVector.broadcast(S, a[a0 + ap]);
        s00 = u.fma(v0, s00);
        s01 = u.fma(v1, s01);
        u = FloatVector.broadcast(S, a[a1 + ap]);
        s10 = u.fma(v0, s10);
        s11 = u.fma(v1, s11);
        u = FloatVector.broadcast(S, a[a2 + ap]);
        s20 = u.fma(v0, s20);
        s21 = u.fma(v1, s21);
        u = FloatVector.broadcast(S, a[a3 + ap]);
        s30 = u.fma(v0, s30);
        s31 = u.fma(v1, s31);
      }
      s00.intoArray(c, c0 + j);
      s01.intoArray(c, c0 + j + L);
      s10.intoArray(c, c1 + j);
      s11.intoArray(c, c1 + j + L);
      s20.intoArray(c, c2 + j);
      s21.intoArray(c, c2 + j + L);
      s30.intoArray(c, c3 + j);
      s31.intoArray(c, c3 + j + L);
    }
    for (; j < cols; j += L) {
      VectorMask<Float> in = S.indexInRange(j, cols);
      FloatVector s0 = FloatVector.fromArray(S, c, c0 + j, in);
      FloatVector s1 = FloatVector.fromArray(S, c, c1 + j, in);
      FloatVector s2 = FloatVector.fromArray(S, c, c2 + j, in);
      FloatVector s3 = FloatVector.fromArray(S, c, c3 + j, in);
      for (int p = 0, ap = 0, bp = j; p < depth; p++, ap += aCol, bp += cols) {
        FloatVector v = FloatVector.fromArray(S, b, bp, in);
        s0 = FloatVector.broadcast(S, a[a0 + ap]).fma(v, s0);
        s1 = FloatVector.broadcast(S, a[a1 + ap]).fma(v, s1);
        s2 = FloatVector.broadcast(S, a[a2 + ap]).fma(v, s2);
        s3 = FloatVector.broadcast(S, a[a3 + ap]).fma(v, s3);
      }
      s0.intoArray(c, c0 + j, in);
      s1.intoArray(c, c1 + j, in);
      s2.intoArray(c, c2 + j, in);
      s3.intoArray(c, c3 + j, in);
    }
  }

  private static void oneRow(float[] c, float[] a, int aRow, int aCol, float[] b, int m, int depth, int cols) {
    int c0 = m * cols;
    int a0 = m * aRow;
    for (int j = 0; j < cols; j += L) {
      VectorMask<Float> in = S.indexInRange(j, cols);
      FloatVector s = FloatVector.fromArray(S, c, c0 + j, in);
      for (int p = 0, ap = 0, bp = j; p < depth; p++, ap += aCol, bp += cols) {
        s = FloatVector.broadcast(S, a[a0 + ap]).fma(FloatVector.fromArray(S, b, bp, in), s);
      }
      s.intoArray(c, c0 + j, in);
    }
  }

  /** One row of the forward product as dot products over the weight's rows (decoding: each weight read once). */
  private void dotRow(float[] out, int outAt, float[] x, int xAt, float[] w, float[] bias, int k, int n) {
    if ((long) k * n < PARALLEL_WORK || pool.getParallelism() == 1) {
      dots(out, outAt, x, xAt, w, bias, k, 0, n);
    } else {
      pool.invoke(new DotSplit(out, outAt, x, xAt, w, bias, k, 0, n));
    }
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
      for (; i < k; i += L) {
        VectorMask<Float> in = S.indexInRange(i, k);
        s0 = FloatVector.fromArray(S, x, xAt + i, in).fma(FloatVector.fromArray(S, w, wo + i, in), s0);
      }
      out[outAt + o] = s0.add(s1).reduceLanes(VectorOperators.ADD) + (bias == null ? 0f : bias[o]);
    }
  }

  /** Halves the rows of C (in whole blocks) until a part is small enough. */
  private static final class Split extends RecursiveAction {
    private final float[] c;
    private final float[] a;
    private final int aRow;
    private final int aCol;
    private final float[] b;
    private final int m0;
    private final int m1;
    private final int depth;
    private final int cols;

    Split(float[] c, float[] a, int aRow, int aCol, float[] b, int m0, int m1, int depth, int cols) {
      this.c = c;
      this.a = a;
      this.aRow = aRow;
      this.aCol = aCol;
      this.b = b;
      this.m0 = m0;
      this.m1 = m1;
      this.depth = depth;
      this.cols = cols;
    }

    @Override
    protected void compute() {
      int rows = m1 - m0;
      if ((long) rows * depth * cols <= PARALLEL_WORK || rows < 2 * BLOCK_ROWS) {
        rowsOf(c, a, aRow, aCol, b, m0, m1, depth, cols);
        return;
      }
      int mid = m0 + (rows / 2 + BLOCK_ROWS - 1) / BLOCK_ROWS * BLOCK_ROWS;
      invokeAll(new Split(c, a, aRow, aCol, b, m0, mid, depth, cols), new Split(c, a, aRow, aCol, b, mid, m1, depth, cols));
    }
  }

  /** Halves the outputs of one decoding row until a part is small enough. */
  private static final class DotSplit extends RecursiveAction {
    private final float[] out;
    private final int outAt;
    private final float[] x;
    private final int xAt;
    private final float[] w;
    private final float[] bias;
    private final int k;
    private final int o0;
    private final int o1;

    DotSplit(float[] out, int outAt, float[] x, int xAt, float[] w, float[] bias, int k, int o0, int o1) {
      this.out = out;
      this.outAt = outAt;
      this.x = x;
      this.xAt = xAt;
      this.w = w;
      this.bias = bias;
      this.k = k;
      this.o0 = o0;
      this.o1 = o1;
    }

    @Override
    protected void compute() {
      if ((long) (o1 - o0) * k <= PARALLEL_WORK || o1 - o0 < 32) {
        dots(out, outAt, x, xAt, w, bias, k, o0, o1);
        return;
      }
      int mid = (o0 + o1) >>> 1;
      invokeAll(new DotSplit(out, outAt, x, xAt, w, bias, k, o0, mid), new DotSplit(out, outAt, x, xAt, w, bias, k, mid, o1));
    }
  }
}
