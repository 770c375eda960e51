package ai.atlas.tools;

import ai.atlas.model.ModelException;
import ai.atlas.tools.demo.TeachDemo;
import ai.atlas.tools.demo.TeacherGrpo;
import ai.atlas.tools.demo.TeachingTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * {@code teach-demo STUDENT TEACHER [name=value ...]}: the teacher/student table on the held-out
 * split, over several seeds with their spread. For each seed: the student alone, with the SFT
 * teacher, and with the teacher trained by GRPO from it with the teaching reward; then the
 * means, the spreads (largest minus smallest) and the bar of issue 21.
 */
final class TeachDemoCommand {

  /** Held-out tasks per seed unless {@code held-out=} says otherwise. */
  private static final int HELD_OUT = 300;

  /** The options with their defaults, as the usage line shows them. */
  static final String USAGE = usage(TeacherGrpo.Options.DEFAULTS);

  private static String usage(TeacherGrpo.Options d) {
    return "seeds=1,2,3 held-out=" + HELD_OUT + " steps=" + d.steps() + " prompts=" + d.prompts() + " generations=" + d.generations()
        + " lr=" + d.lr() + " warmup=" + d.warmup() + " beta=" + d.beta() + " temperature=" + d.temperature() + " save=DIR";
  }

  private TeachDemoCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String word : Arrays.copyOfRange(args, 2, args.length)) {
      int equals = word.indexOf('=');
      if (equals <= 0) {
        err.println("teach-demo: '" + word + "' is not name=value (" + USAGE + ")");
        return 2;
      }
      given.put(word.substring(0, equals), word.substring(equals + 1));
    }
    List<Long> seeds;
    int heldOut;
    TeacherGrpo.Options options;
    Path save;
    try {
      seeds = Arrays.stream(take(given, "seeds", "1,2,3").split(",")).map(String::strip).map(Long::parseLong).toList();
      heldOut = Integer.parseInt(take(given, "held-out", "" + HELD_OUT));
      TeacherGrpo.Options d = TeacherGrpo.Options.DEFAULTS;
      options = new TeacherGrpo.Options(Integer.parseInt(take(given, "steps", "" + d.steps())),
          Integer.parseInt(take(given, "prompts", "" + d.prompts())), Integer.parseInt(take(given, "generations", "" + d.generations())),
          Double.parseDouble(take(given, "lr", "" + d.lr())), Integer.parseInt(take(given, "warmup", "" + d.warmup())),
          Double.parseDouble(take(given, "beta", "" + d.beta())), Double.parseDouble(take(given, "temperature", "" + d.temperature())), 1);
      String saveTo = given.remove("save");
      save = saveTo == null ? null : Path.of(saveTo);
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("unknown option " + given.keySet().iterator().next() + " (" + USAGE + ")");
      }
      if (seeds.isEmpty() || heldOut < 1) {
        throw new IllegalArgumentException("give at least one seed and one held-out task");
      }
    } catch (IllegalArgumentException e) {
      err.println("teach-demo: " + e.getMessage());
      return 2;
    }
    long started = System.nanoTime();
    List<TeachDemo.SeedRows> rows;
    try {
      rows = TeachDemo.table(Path.of(args[0]), Path.of(args[1]), seeds, heldOut, options, save, out);
    } catch (ModelException e) {
      err.println("teach-demo: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    printSummary(out, rows, (System.nanoTime() - started) / 60e9);
    return 0;
  }

  static void printSummary(PrintStream out, List<TeachDemo.SeedRows> rows, double minutes) {
    out.printf(Locale.ROOT, "%n%d seeds, %d held-out tasks each, %.1f minutes%n", rows.size(), rows.get(0).alone().tasks(), minutes);
    out.println("| configuration | accuracy | lift | non-degradation | tokens per task |");
    out.println("|---|---|---|---|---|");
    line(out, "student alone", rows, TeachDemo.SeedRows::alone);
    line(out, "student + SFT teacher", rows, TeachDemo.SeedRows::sftTeacher);
    line(out, "student + GRPO teacher", rows, TeachDemo.SeedRows::grpoTeacher);
    double sftLift = mean(rows, r -> r.sftTeacher().lift());
    double sftKept = mean(rows, r -> r.sftTeacher().nonDegradation());
    double grpoKept = mean(rows, r -> r.grpoTeacher().nonDegradation());
    double gain = mean(rows, r -> r.grpoTeacher().accuracy()) - mean(rows, r -> r.sftTeacher().accuracy());
    double spread = Math.max(spread(rows, r -> r.grpoTeacher().accuracy()), spread(rows, r -> r.sftTeacher().accuracy()));
    out.printf(Locale.ROOT, "bar: SFT teacher lift %+.1f points (>= +15: %s); non-degradation (>= 97%%) SFT teacher %.1f%% (%s),"
        + " GRPO teacher %.1f%% (%s); GRPO over SFT teacher %+.1f points against a seed spread of %.1f (%s)%n", 100 * sftLift,
        yes(sftLift >= 0.15), 100 * sftKept, yes(sftKept >= 0.97), 100 * grpoKept, yes(grpoKept >= 0.97), 100 * gain, 100 * spread,
        yes(gain > spread));
  }

  private static void line(PrintStream out, String name, List<TeachDemo.SeedRows> rows, Function<TeachDemo.SeedRows, TeachingTable> of) {
    out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", name, cell(rows, r -> 100 * of.apply(r).accuracy(), "%.1f%%"),
        cell(rows, r -> 100 * of.apply(r).lift(), "%+.1f"), cell(rows, r -> 100 * of.apply(r).nonDegradation(), "%.1f%%"),
        cell(rows, r -> of.apply(r).tokensPerTask(), "%.0f"));
  }

  /** The mean and the spread (largest minus smallest) over the seeds. */
  private static String cell(List<TeachDemo.SeedRows> rows, ToDoubleFunction<TeachDemo.SeedRows> value, String format) {
    return String.format(Locale.ROOT, format + " (spread " + format.replace("%+", "%") + ")", mean(rows, value), spread(rows, value));
  }

  private static double mean(List<TeachDemo.SeedRows> rows, ToDoubleFunction<TeachDemo.SeedRows> value) {
    return rows.stream().mapToDouble(value).average().orElse(Double.NaN);
  }

  private static double spread(List<TeachDemo.SeedRows> rows, ToDoubleFunction<TeachDemo.SeedRows> value) {
    return rows.stream().mapToDouble(value).max().orElse(0) - rows.stream().mapToDouble(value).min().orElse(0);
  }

  private static String yes(boolean met) {
    return met ? "met" : "NOT met";
  }

  private static String take(Map<String, String> given, String name, String fallback) {
    String value = given.remove(name);
    return value == null ? fallback : value;
  }
}
