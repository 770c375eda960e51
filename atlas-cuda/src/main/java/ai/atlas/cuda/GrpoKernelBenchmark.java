package ai.atlas.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;

import ai.atlas.model.objective.GrpoParams;
import ai.atlas.model.objective.LossType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code bench-grpo}: in one run on one GPU, the device-to-device copy bandwidth, the fused GRPO
 * pass of each kernel variant in bf16 and float32 on a large shape (default 16384 × 151936, in
 * place), and the same math in PyTorch eager the way TRL computes it (bench/grpo_torch.py, run by
 * the given Python after the kernels, in the same command). Prints a table: time, achieved GB/s
 * for the bytes the pass must move (read the logits once, write their gradient once), the
 * fraction of the copy bandwidth, and the speed-up over PyTorch. Kernel times are medians over
 * the iterations, after two warm-up passes.
 */
public final class GrpoKernelBenchmark {

  /** What to measure. {@code python} null: no PyTorch comparison. */
  public record Settings(int rows, int vocab, int positions, int iterations, String python) {}

  private record Measurement(String kernel, Precision precision, double ms, double gbPerSecond) {}

  private final Settings settings;
  private final PrintStream out;

  public GrpoKernelBenchmark(Settings settings, PrintStream out) {
    if (settings.rows() < 1 || settings.vocab() < 2 || settings.positions() < 1 || settings.rows() % settings.positions() != 0
        || settings.iterations() < 1) {
      throw new IllegalArgumentException("rows must be a positive multiple of positions, vocab at least 2, iterations at least 1");
    }
    this.settings = settings;
    this.out = out;
  }

  public void run() throws IOException, InterruptedException {
    GrpoKernels kernels = GrpoKernels.get();
    CudaDevice device = kernels.device();
    out.printf(Locale.ROOT, "GRPO fused pass, %d rows × %d vocabulary (%d completions × %d positions), %s%n", settings.rows(),
        settings.vocab(), settings.rows() / settings.positions(), settings.positions(), device.describe());
    double copy = copyBandwidth();
    out.printf(Locale.ROOT, "device-to-device copy: %.0f GB/s (read + write, 1 GiB buffers)%n", copy);
    List<Measurement> measurements = new ArrayList<>();
    for (Precision precision : List.of(Precision.BF16, Precision.F32)) {
      measurements.addAll(measure(kernels, precision));
    }
    Map<Precision, Double> torch = settings.python() == null ? Map.of() : torch();
    out.println();
    out.printf(Locale.ROOT, "%-9s %-5s %9s %8s %8s %11s %9s%n", "kernel", "dtype", "ms", "GB/s", "of copy", "PyTorch ms", "speed-up");
    for (Measurement m : measurements) {
      Double reference = torch.get(m.precision());
      out.printf(Locale.ROOT, "%-9s %-5s %9.3f %8.0f %7.1f%% %11s %9s%n", m.kernel(), m.precision().suffix(), m.ms(), m.gbPerSecond(),
          100 * m.gbPerSecond() / copy, reference == null ? "-" : String.format(Locale.ROOT, "%.3f", reference),
          reference == null ? "-" : String.format(Locale.ROOT, "%.1f×", reference / m.ms()));
    }
  }

  /** Device-to-device copy bandwidth, counting the bytes read and the bytes written. */
  private double copyBandwidth() {
    long bytes = 1L << 30;
    try (DeviceBuffer from = DeviceBuffer.allocate(bytes); DeviceBuffer to = DeviceBuffer.allocate(bytes); GpuTimer timer = new GpuTimer()) {
      CudaException.check(cuMemcpyDtoD(to.pointer(), from.pointer(), bytes), "cuMemcpyDtoD");
      int copies = 20;
      timer.start();
      for (int i = 0; i < copies; i++) {
        CudaException.check(cuMemcpyDtoD(to.pointer(), from.pointer(), bytes), "cuMemcpyDtoD");
      }
      double seconds = timer.stop() / 1000.0;
      return 2.0 * bytes * copies / seconds / 1e9;
    }
  }

  private List<Measurement> measure(GrpoKernels kernels, Precision precision) {
    int rows = settings.rows();
    int vocab = settings.vocab();
    int completions = rows / settings.positions();
    long elements = (long) rows * vocab;
    Random random = new Random(7);
    int[] tokens = new int[rows];
    float[] mask = new float[rows];
    for (int r = 0; r < rows; r++) {
      tokens[r] = random.nextInt(vocab);
      mask[r] = 1;
    }
    float[] advantages = new float[completions];
    for (int i = 0; i < completions; i++) {
      advantages[i] = (float) random.nextGaussian();
    }
    GrpoParams params = new GrpoParams(LossType.GRPO, 0.04, 1.0, 0.2, 0.2, settings.positions(), null);
    List<Measurement> results = new ArrayList<>();
    try (DeviceBuffer logits = DeviceBuffer.allocate(elements * precision.bytes());
        DeviceBuffer tokenBuffer = DeviceBuffer.of(tokens);
        DeviceBuffer maskBuffer = DeviceBuffer.of(mask);
        DeviceBuffer advantageBuffer = DeviceBuffer.of(advantages);
        DeviceBuffer weights = DeviceBuffer.allocate(4L * rows);
        DeviceBuffer logp = DeviceBuffer.allocate(4L * rows);
        DeviceBuffer loss = DeviceBuffer.allocate(4L * rows);
        DeviceBuffer k3 = DeviceBuffer.allocate(4L * rows);
        DeviceBuffer clipped = DeviceBuffer.allocate(4L * rows);
        GpuTimer timer = new GpuTimer()) {
      kernels.tokenWeights(maskBuffer, completions, settings.positions(), params, weights);
      // old and reference log-probs near the current ones, as in training
      kernels.fillUniform(precision, logits, elements, 1, 4f);
      kernels.fused(GrpoKernels.Variant.ROWS, precision, logits, logits, rows, vocab, settings.positions(), params,
          new GrpoKernels.FusedArgs(tokenBuffer, advantageBuffer, null, null, weights, logp, loss, k3, clipped));
      kernels.device().synchronize("benchmark set-up");
      float[] current = logp.floats(rows);
      float[] old = new float[rows];
      float[] reference = new float[rows];
      for (int r = 0; r < rows; r++) {
        old[r] = current[r] + 0.01f * (float) random.nextGaussian();
        reference[r] = current[r] + 0.05f * (float) random.nextGaussian();
      }
      try (DeviceBuffer oldLogp = DeviceBuffer.of(old); DeviceBuffer refLogp = DeviceBuffer.of(reference)) {
        GrpoKernels.FusedArgs args = new GrpoKernels.FusedArgs(tokenBuffer, advantageBuffer, oldLogp, refLogp, weights, logp, loss, k3,
            clipped);
        List<GrpoKernels.Variant> variants = kernels.resolve(GrpoKernels.Variant.AUTO, vocab, precision) == GrpoKernels.Variant.CLUSTER
            ? List.of(GrpoKernels.Variant.CLUSTER, GrpoKernels.Variant.ROWS)
            : List.of(GrpoKernels.Variant.ROWS);
        for (GrpoKernels.Variant variant : variants) {
          double[] times = new double[settings.iterations()];
          for (int i = -2; i < settings.iterations(); i++) {
            // in place, so the logits are made again (a new seed: never the same data) before each timed pass
            kernels.fillUniform(precision, logits, elements, 100 + i, 4f);
            timer.start();
            kernels.fused(variant, precision, logits, logits, rows, vocab, settings.positions(), params, args);
            float ms = timer.stop();
            if (i >= 0) {
              times[i] = ms;
            }
          }
          Arrays.sort(times);
          double ms = times[times.length / 2];
          double bytes = 2.0 * elements * precision.bytes();
          results.add(new Measurement(variant.name().toLowerCase(Locale.ROOT), precision, ms, bytes / (ms / 1000) / 1e9));
        }
      }
    }
    return results;
  }

  /** Runs the PyTorch script; milliseconds per forward and backward, by precision. */
  private Map<Precision, Double> torch() throws IOException, InterruptedException {
    Path script = Files.createTempFile("grpo_torch", ".py");
    try (InputStream in = GrpoKernelBenchmark.class.getResourceAsStream("/bench/grpo_torch.py")) {
      if (in == null) {
        throw new IOException("bench/grpo_torch.py is missing from the classpath");
      }
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    Map<Precision, Double> times = new HashMap<>();
    try {
      Process process = new ProcessBuilder(settings.python(), script.toString(), "--rows", Integer.toString(settings.rows()), "--vocab",
          Integer.toString(settings.vocab()), "--positions", Integer.toString(settings.positions()), "--iterations",
          Integer.toString(settings.iterations())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.startsWith("{")) {
            JsonObject json = Json.createReader(new StringReader(line)).readObject();
            Precision precision = Precision.valueOf(json.getString("dtype").toUpperCase(Locale.ROOT));
            times.put(precision, json.getJsonNumber("ms").doubleValue());
            out.printf(Locale.ROOT, "PyTorch eager %s: %.3f ms, peak %.1f GiB%n", json.getString("dtype"), json.getJsonNumber("ms").doubleValue(),
                json.getJsonNumber("peak_gib").doubleValue());
          }
        }
      }
      int exit = process.waitFor();
      if (exit != 0) {
        out.println("PyTorch comparison failed (exit " + exit + "); see the messages above");
      }
    } finally {
      Files.deleteIfExists(script);
    }
    return times;
  }
}
