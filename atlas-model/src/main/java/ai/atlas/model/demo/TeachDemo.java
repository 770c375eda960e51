package ai.atlas.model.demo;

import ai.atlas.model.backend.Backend;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.io.ModelInit;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.tokenizer.ByteTokenizer;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.model.train.LearningRate;
import ai.atlas.model.train.SftExample;
import ai.atlas.model.train.SftTrainer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** The teaching demo's recipe: the student and teacher trained from scratch, and their table. */
public final class TeachDemo {

  private TeachDemo() {}

  /** Supervised training from scratch on {@code lines} (the same trainer as the sft job), saved into {@code out}. */
  public static Transformer train(List<TeachingProtocol.TrainingLine> lines, Path out, int steps, int batch, double lr, long seed,
      Backend backend, PrintStream log) {
    return train(Transformer.load(ModelInit.initialise(DemoModel.config(), seed), backend), lines, false, out, steps, batch, lr, seed,
        log);
  }

  /** Training of {@code model}; with {@code wholeText} every token counts in the loss (pretraining), else the completion's. */
  public static Transformer train(Transformer model, List<TeachingProtocol.TrainingLine> lines, boolean wholeText, Path out,
      int steps, int batch, double lr, long seed, PrintStream log) {
    SftTrainer trainer = new SftTrainer(model, SftTrainer.Settings.of(
        new LearningRate(lr, Math.min(100, steps / 10), steps, LearningRate.Shape.COSINE, 0.1)));
    ByteTokenizer tokenizer = new ByteTokenizer();
    Random order = new Random(seed);
    long started = System.nanoTime();
    long tokens = 0;
    for (int step = 0; step < steps; step++) {
      List<SftExample> examples = new java.util.ArrayList<>();
      for (int i = 0; i < batch; i++) {
        TeachingProtocol.TrainingLine line = lines.get(order.nextInt(lines.size()));
        SftExample e = SftExample.of(tokenizer, ChatFormat.SIMPLE, line.prompt(), line.completion(), model.config().maxPositions());
        if (wholeText) {
          boolean[] all = new boolean[e.tokens().length];
          java.util.Arrays.fill(all, true);
          e = new SftExample(e.tokens(), all);
        }
        tokens += e.tokens().length;
        examples.add(e);
      }
      SftTrainer.StepMetrics m = trainer.step(examples);
      if (step % 50 == 0 || step == steps - 1) {
        log.printf(Locale.ROOT, "step %d loss %.4f lr %.2e  %.0f tokens/s%n", step, m.loss(), m.learningRate(),
            tokens / ((System.nanoTime() - started) / 1e9));
      }
    }
    new Checkpoint(model.config(), model.tensors()).save(out, Long.MAX_VALUE);
    return model;
  }

  /** Held-out tasks of an evaluation: the same for every run of one seed. */
  public static List<LetterTasks.Task> heldOut(int count, long seed) {
    return LetterTasks.generate(LetterTasks.Split.HELD_OUT, count, 9_000 + seed);
  }

  /** One seed's three rows. */
  public record SeedRows(long seed, TeachingTable alone, TeachingTable sftTeacher, TeachingTable grpoTeacher) {}

  /**
   * The table of {@code docs/benchmarks.md}: for each seed, a held-out sample of its own, measured
   * with the student alone, with the SFT teacher, and with a teacher trained by GRPO from the SFT
   * teacher with that seed. Seeds run side by side, one thread each (on this engine one thread per
   * run is faster than two threads on one run).
   */
  public static List<SeedRows> table(Path studentDir, Path teacherDir, List<Long> seeds, int heldOut, TeacherGrpo.Options options,
      Path saveTo, PrintStream log) throws InterruptedException {
    int parallel = Math.max(1, Math.min(seeds.size(), Runtime.getRuntime().availableProcessors()));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
    try {
      List<java.util.concurrent.Future<SeedRows>> runs = new java.util.ArrayList<>();
      for (long seed : seeds) {
        runs.add(pool.submit(() -> seedRows(studentDir, teacherDir, seed, heldOut, options.withSeed(seed), saveTo, log)));
      }
      List<SeedRows> rows = new java.util.ArrayList<>();
      for (var run : runs) {
        try {
          rows.add(run.get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
      }
      return rows;
    } finally {
      pool.shutdownNow();
    }
  }

  static SeedRows seedRows(Path studentDir, Path teacherDir, long seed, int heldOut, TeacherGrpo.Options options, Path saveTo,
      PrintStream log) {
    Backend backend = new ai.atlas.model.backend.CpuBackend(1);
    Transformer student = Transformer.load(Checkpoint.load(studentDir), backend);
    Transformer sftTeacher = Transformer.load(Checkpoint.load(teacherDir), backend);
    List<LetterTasks.Task> tasks = heldOut(heldOut, seed);
    TeachingTable alone = TeachingTable.measure(new TeachingPair(student, null), tasks);
    TeachingTable sft = TeachingTable.measure(new TeachingPair(student, sftTeacher), tasks);
    Transformer grpo = options.steps() == 0 ? sftTeacher : TeacherGrpo.train(student, teacherDir, options, backend, log);
    if (saveTo != null) {
      new Checkpoint(grpo.config(), grpo.tensors()).save(saveTo.resolve("teacher-grpo-seed" + seed), Long.MAX_VALUE);
    }
    TeachingTable trained = TeachingTable.measure(new TeachingPair(student, grpo), tasks);
    synchronized (log) {
      printRow(log, "seed " + seed + " student alone", alone);
      printRow(log, "seed " + seed + " + SFT teacher", sft);
      printRow(log, "seed " + seed + " + GRPO teacher", trained);
    }
    return new SeedRows(seed, alone, sft, trained);
  }

  public static void printRow(PrintStream out, String name, TeachingTable t) {
    out.printf(Locale.ROOT, "%-28s accuracy %5.1f%%  lift %+5.1f  non-degradation %5.1f%%  tokens/task %5.1f  (improved %d, degraded %d)%n",
        name, 100 * t.accuracy(), 100 * t.lift(), 100 * t.nonDegradation(), t.tokensPerTask(), t.improved(), t.degraded());
  }
}
