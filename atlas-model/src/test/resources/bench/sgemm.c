/* OpenBLAS sgemm at the shapes the model benchmark asks for: C[rows][n] = A[rows][k] * B[n][k]^T,
 * the layout of the engine's linear layers. Prints "rows k n gflops" per shape (best of the runs). */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  for (int a = 1; a + 2 < argc; a += 3) {
    int rows = atoi(argv[a]), k = atoi(argv[a + 1]), n = atoi(argv[a + 2]);
    float *x = malloc(sizeof(float) * rows * k), *w = malloc(sizeof(float) * n * k), *c = malloc(sizeof(float) * rows * n);
    for (long i = 0; i < (long) rows * k; i++) x[i] = (float) (i % 7) * 0.1f;
    for (long i = 0; i < (long) n * k; i++) w[i] = (float) (i % 5) * 0.1f;
    double flops = 2.0 * rows * k * n, best = 0;
    int reps = (int) (2e9 / flops) + 1;
    for (int run = 0; run < 5; run++) {
      double start = now();
      for (int r = 0; r < reps; r++) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, n, k, 1.0f, x, k, w, k, 0.0f, c, n);
      }
      double gflops = flops * reps / (now() - start) / 1e9;
      if (gflops > best) best = gflops;
    }
    printf("%d %d %d %.3f\n", rows, k, n, best);
    free(x); free(w); free(c);
  }
  return 0;
}
