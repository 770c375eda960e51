package ai.atlas.tools.bench;

import ai.atlas.model.backend.Backend;
import ai.atlas.model.backend.CpuBackend;
import ai.atlas.model.io.ModelInit;
import ai.atlas.model.nn.KvCache;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.tasks.ArithmeticTasks;
import ai.atlas.model.train.LearningRate;
import ai.atlas.model.train.SftExample;
import ai.atlas.model.train.SftTrainer;
import ai.atlas.tools.demo.DemoModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The model engine's benchmark table: the CPU backend's matrix-product GFLOP/s against OpenBLAS
 * sgemm (Debian's libopenblas, compiled and run in the same session) at the shapes models use,
 * then the demo model's forward (prefill and cached decoding) and training tokens/s, and the peak
 * heap. Run: {@code ./mvnw -q -pl atlas-model exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=ai.atlas.tools.bench.ModelBenchmark} (with libopenblas-dev and a C compiler
 * installed for the comparison).
 */
public final class ModelBenchmark {

  private static final int[][] SHAPES = {
    {64, 128, 128}, {64, 128, 352}, {64, 352, 128}, {64, 128, 263}, // the demo model
    {128, 896, 896}, {128, 896, 4864}, {128, 4864, 896}, // Qwen2-0.5B's layers
    {1, 896, 4864}, // one decoding step
  };

  private ModelBenchmark() {}

  public static void main(String[] args) throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "%d cores, Java %s, max heap %d MiB%n%n", threads, Runtime.version(),
        Runtime.getRuntime().maxMemory() >> 20);
    OpenBlas blas = OpenBlas.compile(threads);
    Backend fast = ai.atlas.model.backend.Backends.vector().orElseThrow(() -> new IllegalStateException(
        "run with --add-modules jdk.incubator.vector (.mvn/jvm.config gives it to exec:java)"));
    blas.gflops(Product.FORWARD, SHAPES[0]); // prints which kernels OpenBLAS chose on this machine
    System.out.println();
    System.out.println("OpenBLAS runs each shape right before and right after the Java backends (this machine's speed moves"
        + " between minutes); the table shows both runs and divides by the better one.");
    System.out.println();
    System.out.println("| product | rows × k × n | " + fast.name() + " GFLOP/s | plain CPU backend GFLOP/s"
        + " | OpenBLAS sgemm GFLOP/s, before / after | vector / best OpenBLAS |");
    System.out.println("|---|---|---|---|---|---|");
    Backend cpu = new CpuBackend(threads);
    for (Product product : Product.values()) {
      for (int[] s : SHAPES) {
        if (s[0] == 1 && product != Product.FORWARD) {
          continue; // decoding runs the forward product only
        }
        Double before = blas.gflops(product, s);
        double vector = gflops(fast, product, s[0], s[1], s[2]);
        double plain = gflops(cpu, product, s[0], s[1], s[2]);
        Double after = blas.gflops(product, s);
        System.out.printf(Locale.ROOT, "| %s | %d × %d × %d | %.2f | %.2f | %s | %s |%n", product.label, s[0], s[1], s[2], vector, plain,
            before == null ? "n/a" : String.format(Locale.ROOT, "%.2f / %.2f", before, after),
            before == null ? "n/a" : String.format(Locale.ROOT, "%.2f", vector / Math.max(before, after)));
      }
    }
    System.out.println();
    demoModel(cpu);
    System.out.println();
    demoModel(fast);
  }

  /** The three products of a linear layer, with their code in sgemm.c. */
  enum Product {
    FORWARD("f", "forward x·Wᵀ"),
    INPUT_GRADIENT("a", "input gradient dy·W"),
    WEIGHT_GRADIENT("g", "weight gradient dyᵀ·x");

    final String code;
    final String label;

    Product(String code, String label) {
      this.code = code;
      this.label = label;
    }
  }

  private static double gflops(Backend backend, Product product, int rows, int k, int n) {
    Random random = new Random(1);
    float[] x = new float[rows * Math.max(k, n)];
    float[] w = new float[n * k];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat();
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextFloat();
    }
    float[] out = new float[Math.max(rows, k) * n];
    double flops = 2.0 * rows * k * n;
    int reps = (int) (1e9 / flops) + 1;
    double best = 0;
    for (int run = 0; run < 7; run++) {
      long start = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        switch (product) {
          case FORWARD -> backend.matmulTransposed(out, x, w, null, rows, k, n);
          case INPUT_GRADIENT -> backend.matmulAccumulate(out, x, w, rows, k, n);
          case WEIGHT_GRADIENT -> backend.weightGradient(out, x, w, rows, k, n);
        }
      }
      best = Math.max(best, flops * reps / (System.nanoTime() - start));
    }
    return best;
  }

  /** The sgemm program, compiled once; without OpenBLAS or a compiler, every figure is absent (n/a). */
  private record OpenBlas(Path binary, int threads) {

    static OpenBlas compile(int threads) throws IOException, InterruptedException {
      Path dir = Files.createTempDirectory("atlas-sgemm");
      Path source = dir.resolve("sgemm.c");
      try (InputStream in = ModelBenchmark.class.getResourceAsStream("/bench/sgemm.c")) {
        Files.copy(in, source);
      }
      Path binary = dir.resolve("sgemm");
      Process compile = new ProcessBuilder("cc", "-O2", "-o", binary.toString(), source.toString(), "-lopenblas")
          .redirectErrorStream(true).start();
      String compileOutput = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (compile.waitFor() != 0) {
        System.out.println("OpenBLAS comparison skipped: cannot compile against libopenblas (install libopenblas-dev): "
            + compileOutput.lines().findFirst().orElse(""));
        return new OpenBlas(null, threads);
      }
      return new OpenBlas(binary, threads);
    }

    /** One product at one shape (best of the program's runs), printing the kernels OpenBLAS chose the first time. */
    Double gflops(Product product, int[] shape) throws IOException, InterruptedException {
      if (binary == null) {
        return null;
      }
      ProcessBuilder run = new ProcessBuilder(binary.toString(), product.code, Integer.toString(shape[0]),
          Integer.toString(shape[1]), Integer.toString(shape[2]));
      run.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
      Process process = run.start();
      Double result = null;
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          String[] f = line.split(" ");
          if (f[0].equals("core")) {
            if (!printed) {
              System.out.println("OpenBLAS " + line.substring(5));
              printed = true;
            }
          } else {
            result = Double.parseDouble(f[4]);
          }
        }
      }
      process.waitFor();
      return result;
    }
  }

  private static boolean printed;

  private static void demoModel(Backend cpu) {
    Transformer model = Transformer.load(ModelInit.initialise(DemoModel.config(), 1), cpu);
    int[] prompt = new int[64];
    for (int i = 0; i < prompt.length; i++) {
      prompt[i] = 32 + i % 90;
    }
    for (int i = 0; i < 40; i++) {
      model.forward(prompt); // warm-up
    }
    // each figure is the best of three rounds: one round is a few hundred milliseconds, which a
    // compilation or a collection on this 2-core machine can spoil
    double prefill = 0;
    double decode = 0;
    double training = 0;
    SftTrainer trainer = new SftTrainer(model, SftTrainer.Settings.of(new LearningRate(1e-3, 0, 100, LearningRate.Shape.CONSTANT, 1)));
    List<SftExample> batch = ArithmeticTasks.generate(ArithmeticTasks.Split.TRAIN, 0, 16, 2).stream().map(DemoModel::example).toList();
    int tokens = batch.stream().mapToInt(e -> e.tokens().length).sum();
    for (int i = 0; i < 3; i++) {
      trainer.step(batch); // warm-up
    }
    for (int round = 0; round < 3; round++) {
      int rounds = 40;
      long start = System.nanoTime();
      for (int i = 0; i < rounds; i++) {
        model.forward(prompt);
      }
      prefill = Math.max(prefill, rounds * prompt.length / ((System.nanoTime() - start) / 1e9));
      KvCache cache = model.newCache(160);
      model.forward(prompt, cache);
      start = System.nanoTime();
      int decoded = 0;
      for (int i = 0; i < 90; i++) {
        model.forward(new int[] {40}, cache);
        decoded++;
      }
      decode = Math.max(decode, decoded / ((System.nanoTime() - start) / 1e9));
      start = System.nanoTime();
      int steps = 5;
      for (int i = 0; i < steps; i++) {
        trainer.step(batch);
      }
      training = Math.max(training, steps * tokens / ((System.nanoTime() - start) / 1e9));
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("| demo model (" + String.format(Locale.ROOT, "%.2f", parameters(model) / 1e6) + " M parameters), "
        + cpu.name() + " | value |");
    System.out.println("|---|---|");
    System.out.printf(Locale.ROOT, "| forward, prefill of 64 tokens | %.0f tokens/s |%n", prefill);
    System.out.printf(Locale.ROOT, "| forward, cached decoding (after 64 tokens) | %.0f tokens/s |%n", decode);
    System.out.printf(Locale.ROOT, "| training (forward + backward + AdamW), batches of 16 problems | %.0f tokens/s |%n", training);
    System.out.printf(Locale.ROOT, "| peak heap in use (sum of the heap pools' peaks, incl. garbage) | %d MiB |%n", peak >> 20);
  }

  private static long parameters(Transformer model) {
    return model.weights().parameters().stream().mapToLong(p -> p.length).sum();
  }

}
