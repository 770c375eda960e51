/* OpenBLAS sgemm at the shapes and products the model benchmark asks for, as quadruples
 * "product rows k n": f, the forward product C[rows][n] = A[rows][k] * B[n][k]^T (the engine's
 * linear layers); a, the input gradient C[rows][n] += A[rows][k] * B[k][n]; g, the weight gradient
 * C[n][k] += A[rows][n]^T * B[rows][k]. Prints "core NAME ..." (the kernels OpenBLAS chose), then
 * "product rows k n gflops" per case (best of the runs). */
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
  printf("core %s kernels (%s), %d threads\n", openblas_get_corename(), openblas_get_config(), openblas_get_num_threads());
  for (int a = 1; a + 3 < argc; a += 4) {
    char product = argv[a][0];
    int rows = atoi(argv[a + 1]), k = atoi(argv[a + 2]), n = atoi(argv[a + 3]);
    float *x = malloc(sizeof(float) * rows * (k > n ? k : n)), *w = malloc(sizeof(float) * n * k),
          *c = malloc(sizeof(float) * (rows > k ? rows : k) * n);
    for (long i = 0; i < (long) rows * k; i++) x[i] = (float) (i % 7) * 0.1f;
    for (long i = 0; i < (long) n * k; i++) w[i] = (float) (i % 5) * 0.1f;
    double flops = 2.0 * rows * k * n, best = 0;
    int reps = (int) (2e9 / flops) + 1;
    for (int run = 0; run < 5; run++) {
      double start = now();
      for (int r = 0; r < reps; r++) {
        if (product == 'f') {
          cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, n, k, 1.0f, x, k, w, k, 0.0f, c, n);
        } else if (product == 'a') {
          cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, n, k, 1.0f, x, k, w, n, 1.0f, c, n);
        } else {
          cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, n, k, rows, 1.0f, x, n, w, k, 1.0f, c, k);
        }
      }
      double gflops = flops * reps / (now() - start) / 1e9;
      if (gflops > best) best = gflops;
    }
    printf("%c %d %d %d %.3f\n", product, rows, k, n, best);
    free(x); free(w); free(c);
  }
  return 0;
}
