package ai.atlas.tools;

import ai.atlas.cuda.CudaException;
import ai.atlas.cuda.CudaUnavailableException;
import ai.atlas.cuda.GrpoKernelBenchmark;
import ai.atlas.model.ModelException;
import ai.atlas.model.backend.Backends;
import ai.atlas.model.grpo.GrpoFixtureCheck;
import ai.atlas.model.objective.GrpoObjective;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GRPO objective's command line.
 *
 * <ul>
 *   <li>{@code check-grpo [--backend auto|vector|cpu|reference|cuda] DIR}: runs every GRPO fixture
 *       file of a folder (loss and advantage cases) through the objective of the chosen backend
 *       (default: the vector CPU backend), prints one
 *       line per file with its largest error, and exits 1 when any file is out of tolerance (2
 *       when the folder or the backend cannot be used).
 *   <li>{@code bench-grpo [--rows N] [--vocab V] [--positions T] [--iterations K] [--python
 *       PATH|none]}: the CUDA kernel benchmark against PyTorch (a GPU machine; see
 *       {@link GrpoKernelBenchmark}).
 * </ul>
 */
public final class GrpoCommand {

  private static final String USAGE = """
      usage: check-grpo [--backend auto|vector|cpu|reference|cuda] DIR
             bench-grpo [--rows N] [--vocab V] [--positions T] [--iterations K] [--python PATH|none]""";

  private GrpoCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    List<String> positional = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        if (i + 1 == args.length) {
          err.println(args[0] + ": " + args[i] + " needs a value");
          return 2;
        }
        options.put(args[i].substring(2), args[++i]);
      } else {
        positional.add(args[i]);
      }
    }
    return switch (args[0]) {
      case "check-grpo" -> checkGrpo(positional, options, out, err);
      case "bench-grpo" -> benchGrpo(positional, options, out, err);
      default -> {
        err.println(USAGE);
        yield 2;
      }
    };
  }

  private static int checkGrpo(List<String> positional, Map<String, String> options, PrintStream out, PrintStream err) {
    if (positional.size() != 1 || !options.keySet().stream().allMatch("backend"::equals)) {
      err.println(USAGE);
      return 2;
    }
    Path dir = Path.of(positional.get(0));
    if (!Files.isDirectory(dir)) {
      err.println("check-grpo: " + dir + " is not a folder");
      return 2;
    }
    try {
      GrpoObjective objective = Backends.choose(options.getOrDefault("backend", "vector")).grpoObjective();
      List<Path> files = GrpoFixtureCheck.files(dir);
      if (files.isEmpty()) {
        err.println("check-grpo: " + dir + " has no .json files");
        return 2;
      }
      out.println("objective: " + objective.name());
      boolean all = true;
      for (Path file : files) {
        GrpoFixtureCheck.Result result = GrpoFixtureCheck.check(file, objective);
        all &= result.passed();
        out.printf(Locale.ROOT, "%-28s largest error %.3g, worst %.3g of its tolerance (%s) %s%n", result.file(), result.maxError(),
            result.worstRatio(), result.worstAt(), result.passed() ? "PASS" : "FAIL");
      }
      return all ? 0 : 1;
    } catch (ModelException | CudaUnavailableException e) {
      err.println("check-grpo: " + e.getMessage());
      return 2;
    }
  }

  private static int benchGrpo(List<String> positional, Map<String, String> options, PrintStream out, PrintStream err) {
    List<String> known = List.of("rows", "vocab", "positions", "iterations", "python");
    if (!positional.isEmpty() || !known.containsAll(options.keySet())) {
      err.println(USAGE);
      return 2;
    }
    try {
      String python = options.getOrDefault("python", "python3");
      GrpoKernelBenchmark.Settings settings = new GrpoKernelBenchmark.Settings(number(options, "rows", 16384),
          number(options, "vocab", 151936), number(options, "positions", 1024), number(options, "iterations", 10),
          python.equals("none") ? null : python);
      new GrpoKernelBenchmark(settings, out).run();
      return 0;
    } catch (IllegalArgumentException | CudaUnavailableException e) {
      err.println("bench-grpo: " + e.getMessage());
      return 2;
    } catch (IOException | CudaException e) {
      err.println("bench-grpo: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static int number(Map<String, String> options, String name, int fallback) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " " + value + " is not a whole number");
    }
  }
}
