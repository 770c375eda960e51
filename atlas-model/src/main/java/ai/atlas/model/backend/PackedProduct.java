package ai.atlas.model.backend;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C[m][j] += sum_p A(m, p) * B(p, j)} on the Vector API, blocked as GotoBLAS and BLIS
 * block a matrix product, for operands that are read through strides ({@code A(m, p) =
 * a[m * aRow + p * aCol]}), so that the forward product and both gradients of a linear layer are
 * this one routine without transposing anything first.
 *
 * <p>Why the blocking: a product is bound by how often its operands are loaded, not by its
 * multiply-adds. The depth is cut into slices of {@link #KC}; for each slice, {@code B} is copied
 * ("packed") into panels of {@link #NR} columns that lie contiguously, one row of a panel after
 * the other. The micro-kernel then keeps an {@code MR × NR} tile of {@code C} in registers (24 of
 * the 32 vector registers on AVX-512) while it walks the slice: each step is {@code NR / L}
 * sequential loads of {@code B}, {@code MR} broadcasts of {@code A} and {@code MR × NR / L} fused
 * multiply-adds. A panel of {@code B} (KC × NR floats, 48 KiB) stays in the L1 cache while the
 * rows of {@code A} pass by it. {@code A} is broadcast from where it lies (a copy of it measured
 * slower on the demo model's small products); only its last rows, fewer than {@code MR}, are
 * copied, zero-padded. Packing absorbs the layouts of {@code B}: the forward product's weight is
 * gathered down its rows into the panels, the gradients' operands are copied along theirs.
 *
 * <p>Edge tiles (fewer than {@code MR} rows or {@code NR} columns left) are computed in full over
 * zero-padded panels into a scratch tile, whose valid part is then added to {@code C}.
 *
 * <p>The kernels' vectors must never leave the method as objects (passed to a call the JIT may not
 * inline), or every multiply-add allocates: hence the kernels are written out.
 */
final class PackedProduct {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Columns of a tile: three vectors. */
  static final int NR = 3 * L;
  /** Rows of a tile: eight where there are 32 vector registers (AVX-512), four otherwise. */
  static final int MR = L >= 16 ? 8 : 4;
  /** The depth of one slice: a B panel of KC × NR floats fits the L1 cache. */
  static final int KC = 256;
  /** Columns of B packed at once. */
  static final int NC = 32 * NR;

  /** One thread's packing buffers. */
  private static final class Scratch {
    final float[] a = new float[MR * KC];
    final float[] b = new float[NC * KC];
    final float[] tile = new float[MR * NR];
    private final int[] columns = new int[NR];
    private int columnStride = -1;

    /** {@code 0, stride, 2 * stride, ...}: where the NR columns of a panel start, for the gathers. */
    int[] columnMap(int stride) {
      if (stride != columnStride) {
        for (int j = 0; j < NR; j++) {
          columns[j] = j * stride;
        }
        columnStride = stride;
      }
      return columns;
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private PackedProduct() {}

  /**
   * Rows {@code [m0, m1)} and columns {@code [n0, n1)} of {@code C} (row stride {@code ldc}):
   * {@code c[m * ldc + j] += sum_{p < depth} a[m * aRow + p * aCol] * b[p * bRow + j * bCol]}.
   */
  static void multiply(float[] c, int ldc, float[] a, int aRow, int aCol, float[] b, int bRow, int bCol, int m0, int m1,
      int depth, int n0, int n1) {
    Scratch s = SCRATCH.get();
    int fullRows = m0 + (m1 - m0) / MR * MR;
    for (int jc = n0; jc < n1; jc += NC) {
      int nc = Math.min(NC, n1 - jc);
      for (int pc = 0; pc < depth; pc += KC) {
        int kc = Math.min(KC, depth - pc);
        packB(b, bRow, bCol, pc, kc, jc, nc, s.b, s);
        if (fullRows < m1) {
          packRows(a, aRow, aCol, fullRows, m1 - fullRows, pc, kc, s.a);
        }
        for (int jr = 0; jr < nc; jr += NR) {
          int nr = Math.min(NR, nc - jr);
          int bAt = jr * kc; // panel jr / NR starts at (jr / NR) * kc * NR
          for (int m = m0; m < m1; m += MR) {
            int cAt = m * ldc + jc + jr;
            // whole tiles read A where it lies; the last rows come from their zero-padded copy
            boolean whole = m < fullRows;
            float[] from = whole ? a : s.a;
            int aAt = whole ? m * aRow + pc * aCol : 0;
            int stepRow = whole ? aRow : 1;
            int stepDepth = whole ? aCol : MR;
            if (whole && nr == NR) {
              kernel(kc, from, aAt, stepRow, stepDepth, s.b, bAt, c, cAt, ldc);
            } else {
              int mr = Math.min(MR, m1 - m);
              Arrays.fill(s.tile, 0f);
              kernel(kc, from, aAt, stepRow, stepDepth, s.b, bAt, s.tile, 0, NR);
              for (int i = 0; i < mr; i++) {
                for (int j = 0; j < nr; j++) {
                  c[cAt + i * ldc + j] += s.tile[i * NR + j];
                }
              }
            }
          }
        }
      }
    }
  }

  /** The last {@code rows < MR} rows of A from {@code i0}, depth {@code [p0, p0 + kc)}, zero-padded to MR rows: {@code ap[p * MR + i]}. */
  private static void packRows(float[] a, int aRow, int aCol, int i0, int rows, int p0, int kc, float[] ap) {
    Arrays.fill(ap, 0, kc * MR, 0f);
    for (int i = 0; i < rows; i++) {
      int from = (i0 + i) * aRow + p0 * aCol;
      for (int p = 0; p < kc; p++) {
        ap[p * MR + i] = a[from + p * aCol];
      }
    }
  }

  /** B's depth {@code [p0, p0 + kc)}, columns {@code [j0, j0 + nc)} as panels of NR columns: {@code bp[(q * kc + p) * NR + j]}. */
  private static void packB(float[] b, int bRow, int bCol, int p0, int kc, int j0, int nc, float[] bp, Scratch s) {
    for (int q = 0; q * NR < nc; q++) {
      int panel = q * kc * NR;
      int cols = Math.min(NR, nc - q * NR);
      if (bCol == 1) { // rows of B are contiguous: vector copies of a panel's row
        for (int p = 0; p < kc; p++) {
          int from = (p0 + p) * bRow + j0 + q * NR;
          int to = panel + p * NR;
          if (cols == NR) {
            FloatVector.fromArray(S, b, from).intoArray(bp, to);
            FloatVector.fromArray(S, b, from + L).intoArray(bp, to + L);
            FloatVector.fromArray(S, b, from + 2 * L).intoArray(bp, to + 2 * L);
          } else { // scalar, not masked vectors: JDK 17 runs masked loads as slow Java code
            for (int j = 0; j < cols; j++) {
              bp[to + j] = b[from + j];
            }
            Arrays.fill(bp, to + cols, to + NR, 0f);
          }
        }
      } else if (bRow == 1 && cols == NR) { // the forward product's weight: gather each row of the panel from NR rows of W
        int[] map = s.columnMap(bCol);
        int from = p0 + (j0 + q * NR) * bCol;
        for (int p = 0; p < kc; p++) {
          int to = panel + p * NR;
          FloatVector.fromArray(S, b, from + p, map, 0).intoArray(bp, to);
          FloatVector.fromArray(S, b, from + p, map, L).intoArray(bp, to + L);
          FloatVector.fromArray(S, b, from + p, map, 2 * L).intoArray(bp, to + 2 * L);
        }
      } else { // B(p, j) = b[p * bRow + j * bCol]: a column of the panel is contiguous when bRow == 1
        for (int j = 0; j < NR; j++) {
          if (j < cols) {
            int from = p0 * bRow + (j0 + q * NR + j) * bCol;
            for (int p = 0; p < kc; p++) {
              bp[panel + p * NR + j] = b[from + p * bRow];
            }
          } else {
            for (int p = 0; p < kc; p++) {
              bp[panel + p * NR + j] = 0f;
            }
          }
        }
      }
    }
  }

  /** The tile's A values at step p of row i are {@code ap[aAt + i * aRow + p * aCol]}. */
  private static void kernel(int kc, float[] ap, int aAt, int aRow, int aCol, float[] bp, int bAt, float[] c, int cAt, int ldc) {
    if (MR == 8) {
      eightRows(kc, ap, aAt, aRow, aCol, bp, bAt, c, cAt, ldc);
    } else {
      fourRows(kc, ap, aAt, aRow, aCol, bp, bAt, c, cAt, ldc);
    }
  }

  /** An 8 × 3L tile of C, accumulated in 24 registers over {@code kc} steps and then added to C. */
  private static void eightRows(int kc, float[] ap, int aAt, int aRow, int aCol, float[] bp, int bAt, float[] c, int cAt, int ldc) {
    int r2 = 2 * aRow;
    int r3 = 3 * aRow;
    int r4 = 4 * aRow;
    int r5 = 5 * aRow;
    int r6 = 6 * aRow;
    int r7 = 7 * aRow;
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c42 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S), c52 = FloatVector.zero(S);
    FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S), c62 = FloatVector.zero(S);
    FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S), c72 = FloatVector.zero(S);
    for (int p = 0, a = aAt, b = bAt; p < kc; p++, a += aCol, b += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
      FloatVector u = FloatVector.broadcast(S, ap[a]);
      c00 = u.fma(b0, c00);
      c01 = u.fma(b1, c01);
      c02 = u.fma(b2, c02);
      u = FloatVector.broadcast(S, ap[a + aRow]);
      c10 = u.fma(b0, c10);
      c11 = u.fma(b1, c11);
      c12 = u.fma(b2, c12);
      u = FloatVector.broadcast(S, ap[a + r2]);
      c20 = u.fma(b0, c20);
      c21 = u.fma(b1, c21);
      c22 = u.fma(b2, c22);
      u = FloatVector.broadcast(S, ap[a + r3]);
      c30 = u.fma(b0, c30);
      c31 = u.fma(b1, c31);
      c32 = u.fma(b2, c32);
      u = FloatVector.broadcast(S, ap[a + r4]);
      c40 = u.fma(b0, c40);
      c41 = u.fma(b1, c41);
      c42 = u.fma(b2, c42);
      u = FloatVector.broadcast(S, ap[a + r5]);
      c50 = u.fma(b0, c50);
      c51 = u.fma(b1, c51);
      c52 = u.fma(b2, c52);
      u = FloatVector.broadcast(S, ap[a + r6]);
      c60 = u.fma(b0, c60);
      c61 = u.fma(b1, c61);
      c62 = u.fma(b2, c62);
      u = FloatVector.broadcast(S, ap[a + r7]);
      c70 = u.fma(b0, c70);
      c71 = u.fma(b1, c71);
      c72 = u.fma(b2, c72);
    }
    int r = cAt;
    FloatVector.fromArray(S, c, r).add(c00).intoArray(c, r);
    FloatVector.fromArray(S, c, r + L).add(c01).intoArray(c, r + L);
    FloatVector.fromArray(S, c, r + 2 * L).add(c02).intoArray(c, r + 2 * L);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c10).intoArray(c, r);
    FloatVector.fromArray(S, c, r + L).add(c11).intoArray(c, r + L);
    FloatVector.fromArray(S, c, r + 2 * L).add(c12).intoArray(c, r + 2 * L);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c20).intoArray(c, r);
    FloatVector.fromArray(S, c, r + L).add(c21).intoArray(c, r + L);
    FloatVector.fromArray(S, c, r + 2 * L).add(c22).intoArray(c, r + 2 * L);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c30).intoArray(c, r);
    FloatVector.fromArray(S, c, r + L).add(c31).intoArray(c, r + L);
    FloatVector.fromArray(S, c, r + 2 * L).add(c32).intoArray(c, r + 2 * L);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c40).intoArray(c, r);
    FloatVector.fromArray(S, c, r + L).add(c41).intoArray(c, r + L);
    FloatVector.fromArray(S, c, r + 2 * L).add(c42).intoArray(c, r + 2 * L);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c50).intoArray(c, r);
    FloatVector.fromArray(S, c, r + L).add(c51).intoArray(c, r + L);
    FloatVector.fromArray(S, c, r + 2 * L).add(c52).intoArray(c, r + 2 * L);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c60).intoArray(c, r);
    FloatVector.fromArray(S, c, r + L).add(c61).intoArray(c, r + L);
    FloatVector.fromArray(S, c, r + 2 * L).add(c62).intoArray(c, r + 2 * L);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c70).intoArray(c, r);
    FloatVector.fromArray(S, c, r + L).add(c71).intoArray(c, r + L);
    FloatVector.fromArray(S, c, r + 2 * L).add(c72).intoArray(c, r + 2 * L);
  }

  /** A 4 × 3L tile of C (12 accumulators: machines with 16 vector registers). */
  private static void fourRows(int kc, float[] ap, int aAt, int aRow, int aCol, float[] bp, int bAt, float[] c, int cAt, int ldc) {
    int r2 = 2 * aRow;
    int r3 = 3 * aRow;
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S);
    for (int p = 0, a = aAt, b = bAt; p < kc; p++, a += aCol, b += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
      FloatVector u = FloatVector.broadcast(S, ap[a]);
      c00 = u.fma(b0, c00);
      c01 = u.fma(b1, c01);
      c02 = u.fma(b2, c02);
      u = FloatVector.broadcast(S, ap[a + aRow]);
      c10 = u.fma(b0, c10);
      c11 = u.fma(b1, c11);
      c12 = u.fma(b2, c12);
      u = FloatVector.broadcast(S, ap[a + r2]);
      c20 = u.fma(b0, c20);
      c21 = u.fma(b1, c21);
      c22 = u.fma(b2, c22);
      u = FloatVector.broadcast(S, ap[a + r3]);
      c30 = u.fma(b0, c30);
      c31 = u.fma(b1, c31);
      c32 = u.fma(b2, c32);
    }
    int r = cAt;
    FloatVector.fromArray(S, c, r).add(c00).intoArray(c, r);
    FloatVector.fromArray(S, c, r + L).add(c01).intoArray(c, r + L);
    FloatVector.fromArray(S, c, r + 2 * L).add(c02).intoArray(c, r + 2 * L);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c10).intoArray(c, r);
    FloatVector.fromArray(S, c, r + L).add(c11).intoArray(c, r + L);
    FloatVector.fromArray(S, c, r + 2 * L).add(c12).intoArray(c, r + 2 * L);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c20).intoArray(c, r);
    FloatVector.fromArray(S, c, r + L).add(c21).intoArray(c, r + L);
    FloatVector.fromArray(S, c, r + 2 * L).add(c22).intoArray(c, r + 2 * L);
    r += ldc;
    FloatVector.fromArray(S, c, r).add(c30).intoArray(c, r);
    FloatVector.fromArray(S, c, r + L).add(c31).intoArray(c, r + L);
    FloatVector.fromArray(S, c, r + 2 * L).add(c32).intoArray(c, r + 2 * L);
  }
}
