package ai.atlas.batch.cli;

import ai.atlas.model.ModelException;
import ai.atlas.model.grpo.CpuGrpoObjective;
import ai.atlas.model.grpo.GrpoFixtureCheck;
import ai.atlas.model.grpo.GrpoObjective;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code check-grpo DIR}: runs every GRPO fixture file of a folder (loss and advantage cases)
 * through the CPU objective, prints one line per file with its largest error, and exits 1 when
 * any file is out of tolerance (2 when the folder cannot be used).
 */
public final class BatchCommand {

  private BatchCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 2 || !args[0].equals("check-grpo")) {
      err.println("usage: check-grpo DIR");
      return 2;
    }
    Path dir = Path.of(args[1]);
    if (!Files.isDirectory(dir)) {
      err.println("check-grpo: " + dir + " is not a folder");
      return 2;
    }
    GrpoObjective objective = new CpuGrpoObjective();
    try {
      List<Path> files = GrpoFixtureCheck.files(dir);
      if (files.isEmpty()) {
        err.println("check-grpo: " + dir + " has no .json files");
        return 2;
      }
      boolean all = true;
      for (Path file : files) {
        GrpoFixtureCheck.Result result = GrpoFixtureCheck.check(file, objective);
        all &= result.passed();
        out.printf(Locale.ROOT, "%-28s largest error %.3g, worst %.3g of its tolerance (%s) %s%n", result.file(), result.maxError(),
            result.worstRatio(), result.worstAt(), result.passed() ? "PASS" : "FAIL");
      }
      return all ? 0 : 1;
    } catch (ModelException e) {
      err.println("check-grpo: " + e.getMessage());
      return 2;
    }
  }
}
