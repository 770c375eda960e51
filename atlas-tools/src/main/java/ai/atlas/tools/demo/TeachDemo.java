package ai.atlas.tools.demo;

import ai.atlas.model.backend.Backend;
import ai.atlas.model.backend.CpuBackend;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.tasks.LetterTasks;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The teaching demo's table: the student alone, with the SFT teacher and with a GRPO teacher, per seed. */
public final class TeachDemo {

  private TeachDemo() {}

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
    Backend backend = new CpuBackend(1);
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
      printWhy(log, "seed " + seed + " SFT teacher", sft);
      printWhy(log, "seed " + seed + " GRPO teacher", trained);
    }
    return new SeedRows(seed, alone, sft, trained);
  }

  public static void printRow(PrintStream out, String name, TeachingTable t) {
    out.printf(Locale.ROOT, "%-28s accuracy %5.1f%%  lift %+5.1f  non-degradation %5.1f%%  tokens/task %5.1f  (improved %d, degraded %d)%n",
        name, 100 * t.accuracy(), 100 * t.lift(), 100 * t.nonDegradation(), t.tokensPerTask(), t.improved(), t.degraded());
  }

  /** Why a teacher's row is what it is: exact guidance, and right first answers it kept. */
  static void printWhy(PrintStream out, String name, TeachingTable t) {
    out.printf(Locale.ROOT, "%-28s exact guidance %d of %d; right first answers judged valid %d of %d%n", name, t.exactGuidance(),
        t.tasks(), t.judgedValidRight(), t.rightAlone());
  }
}
