package ai.atlas.model.backend;

import ai.atlas.model.objective.CpuGrpoObjective;
import ai.atlas.model.objective.GrpoObjective;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The fast CPU backend: products split into tiles of rows and outputs that run in parallel on a
 * fork-join pool, each tile computing four outputs at once with independent accumulators, so the
 * JIT keeps them in registers and the weight rows stream through the cache once per tile.
 */
public final class CpuBackend implements Backend {

  /** Below this many multiply-adds a product runs on the calling thread. */
  private static final long PARALLEL_WORK = 1 << 15;

  private final ForkJoinPool pool;

  public CpuBackend(int threads) {
    this.pool = new ForkJoinPool(Math.max(1, threads));
  }

  public CpuBackend() {
    this(Runtime.getRuntime().availableProcessors());
  }

  @Override
  public String name() {
    return "cpu (" + pool.getParallelism() + " threads)";
  }

  @Override
  public void matmulTransposed(float[] out, float[] x, float[] w, float[] bias, int rows, int k, int n) {
    run(new Tiles(0, rows, 0, n, (r0, r1, o0, o1) -> transposedTile(out, x, w, bias, k, n, r0, r1, o0, o1), (long) k));
  }

  @Override
  public void matmulAccumulate(float[] out, float[] x, float[] w, int rows, int k, int n) {
    run(new Tiles(0, rows, 0, n, (r0, r1, o0, o1) -> {
      for (int r = r0; r < r1; r++) {
        int xr = r * k;
        int outRow = r * n;
        for (int i = 0; i < k; i++) {
          float xi = x[xr + i];
          if (xi == 0f) {
            continue;
          }
          int wr = i * n;
          for (int o = o0; o < o1; o++) {
            out[outRow + o] += xi * w[wr + o];
          }
        }
      }
    }, (long) k));
  }

  @Override
  public void weightGradient(float[] dw, float[] dy, float[] x, int rows, int k, int n) {
    // Parallel over the outputs (rows of dw): no two tasks write the same element.
    run(new Tiles(0, n, 0, 1, (o0, o1, unused0, unused1) -> {
      for (int o = o0; o < o1; o++) {
        int dwRow = o * k;
        for (int r = 0; r < rows; r++) {
          float g = dy[r * n + o];
          if (g == 0f) {
            continue;
          }
          int xr = r * k;
          for (int i = 0; i < k; i++) {
            dw[dwRow + i] += g * x[xr + i];
          }
        }
      }
    }, (long) k * rows));
  }

  /** {@code m [rows][cols]} into {@code t [cols][rows]}, in blocks that stay in the cache. */
  static void transpose(float[] m, int rows, int cols, float[] t) {
    final int block = 16;
    for (int r0 = 0; r0 < rows; r0 += block) {
      int r1 = Math.min(rows, r0 + block);
      for (int c0 = 0; c0 < cols; c0 += block) {
        int c1 = Math.min(cols, c0 + block);
        for (int r = r0; r < r1; r++) {
          for (int c = c0; c < c1; c++) {
            t[c * rows + r] = m[r * cols + c];
          }
        }
      }
    }
  }

  private static void transposedTile(float[] out, float[] x, float[] w, float[] bias, int k, int n, int r0, int r1, int o0, int o1) {
    for (int r = r0; r < r1; r++) {
      int xr = r * k;
      int o = o0;
      for (; o + 4 <= o1; o += 4) {
        int w0 = o * k;
        int w1 = w0 + k;
        int w2 = w1 + k;
        int w3 = w2 + k;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int i = 0; i < k; i++) {
          float xi = x[xr + i];
          s0 += xi * w[w0 + i];
          s1 += xi * w[w1 + i];
          s2 += xi * w[w2 + i];
          s3 += xi * w[w3 + i];
        }
        int at = r * n + o;
        out[at] = s0 + (bias == null ? 0f : bias[o]);
        out[at + 1] = s1 + (bias == null ? 0f : bias[o + 1]);
        out[at + 2] = s2 + (bias == null ? 0f : bias[o + 2]);
        out[at + 3] = s3 + (bias == null ? 0f : bias[o + 3]);
      }
      for (; o < o1; o++) {
        int wo = o * k;
        float s = 0f;
        for (int i = 0; i < k; i++) {
          s += x[xr + i] * w[wo + i];
        }
        out[r * n + o] = s + (bias == null ? 0f : bias[o]);
      }
    }
  }

  private void run(Tiles tiles) {
    if (tiles.work() < PARALLEL_WORK || pool.getParallelism() == 1) {
      tiles.compute();
    } else {
      pool.invoke(tiles);
    }
  }

  /** Work on a rectangle of rows [r0, r1) and outputs [o0, o1). */
  @FunctionalInterface
  interface Tile {
    void run(int r0, int r1, int o0, int o1);
  }

  /** Splits the larger side in two until a tile is small enough. */
  private static final class Tiles extends RecursiveAction {
    private final int r0;
    private final int r1;
    private final int o0;
    private final int o1;
    private final Tile tile;
    private final long perCell;

    Tiles(int r0, int r1, int o0, int o1, Tile tile, long perCell) {
      this.r0 = r0;
      this.r1 = r1;
      this.o0 = o0;
      this.o1 = o1;
      this.tile = tile;
      this.perCell = perCell;
    }

    long work() {
      return (long) (r1 - r0) * (o1 - o0) * perCell;
    }

    @Override
    protected void compute() {
      if (work() <= PARALLEL_WORK || (r1 - r0 <= 1 && o1 - o0 <= 16)) {
        tile.run(r0, r1, o0, o1);
        return;
      }
      if (o1 - o0 >= r1 - r0 && o1 - o0 > 16) {
        int mid = o0 + ((o1 - o0) / 2 + 3) / 4 * 4; // keep tiles a multiple of 4 outputs wide
        mid = Math.min(Math.max(mid, o0 + 1), o1 - 1);
        invokeAll(new Tiles(r0, r1, o0, mid, tile, perCell), new Tiles(r0, r1, mid, o1, tile, perCell));
      } else if (r1 - r0 > 1) {
        int mid = (r0 + r1) >>> 1;
        invokeAll(new Tiles(r0, mid, o0, o1, tile, perCell), new Tiles(mid, r1, o0, o1, tile, perCell));
      } else {
        tile.run(r0, r1, o0, o1);
      }
    }
  }

  @Override
  public GrpoObjective grpoObjective() {
    return new CpuGrpoObjective();
  }
}
