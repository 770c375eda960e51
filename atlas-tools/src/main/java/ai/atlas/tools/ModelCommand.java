package ai.atlas.tools;

import ai.atlas.model.ModelException;
import ai.atlas.model.backend.Backends;
import ai.atlas.model.grpo.GrpoTrainer.StepMetrics;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.io.ModelInit;
import ai.atlas.model.nn.LogitCheck;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.tasks.ArithmeticTasks;
import ai.atlas.tools.demo.DemoModel;
import ai.atlas.tools.demo.GrpoDemo;
import ai.atlas.tools.demo.LessonEval;
import ai.atlas.tools.demo.TeachingData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@code check-logits DIR}: loads {@code DIR/config.json} and its safetensors, runs every case of
 * {@code DIR/expected_logits.json}, prints the largest error and exits 1 when an error is over
 * {@code 1e-4 + 1e-4 * |expected|} (2 when the folder cannot be used).
 */
public final class ModelCommand {

  private ModelCommand() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * GRPO from a demo checkpoint with the verifiable reward, held-out quality before and after (the
   * benchmark's recipe): {@code grpo-demo DIR [name=value ...]} with the names of {@link GrpoDemoOptions}.
   */
  private static int grpoDemo(String[] args) {
    GrpoDemoOptions options;
    try {
      options = GrpoDemoOptions.parse(Arrays.copyOfRange(args, 2, args.length));
    } catch (IllegalArgumentException e) {
      System.err.println("grpo-demo: " + e.getMessage());
      return 2;
    }
    GrpoDemo.Result result;
    try {
      result = GrpoDemo.run(Path.of(args[1]), options.settings(), options.reward(), options.steps(), options.prompts(),
          options.level(), options.samePrompts(), options.eval(), Backends.choose(), System.out);
    } catch (ModelException e) {
      System.err.println("grpo-demo: " + e.getMessage());
      return 2;
    }
    var steps = result.steps();
    var timings = steps.stream().map(s -> s.timings()).toList();
    System.out.printf(Locale.ROOT, "mean step %.0f ms: sampling %.0f, scoring %.1f, forward %.0f, objective %.1f, backward %.0f,"
        + " optimizer %.0f%n", timings.stream().mapToDouble(t -> t.total()).average().orElse(0),
        timings.stream().mapToDouble(t -> t.sampling()).average().orElse(0), timings.stream().mapToDouble(t -> t.scoring()).average().orElse(0),
        timings.stream().mapToDouble(t -> t.forward()).average().orElse(0), timings.stream().mapToDouble(t -> t.objective()).average().orElse(0),
        timings.stream().mapToDouble(t -> t.backward()).average().orElse(0), timings.stream().mapToDouble(t -> t.optimizer()).average().orElse(0));
    int window = Math.max(1, Math.min(50, steps.size() / 2));
    var first = steps.subList(0, Math.min(window, steps.size()));
    var last = steps.subList(Math.max(0, steps.size() - window), steps.size());
    System.out.printf(Locale.ROOT, "first -> last %d steps: training reward %.3f -> %.3f, entropy %.3f -> %.3f, KL %.3f -> %.3f"
        + " (largest %.3f)%n", window, mean(first, s -> s.rewardMean()), mean(last, s -> s.rewardMean()),
        mean(first, s -> s.entropy()), mean(last, s -> s.entropy()), mean(first, s -> s.kl()), mean(last, s -> s.kl()),
        steps.stream().mapToDouble(s -> s.kl()).max().orElse(0));
    return 0;
  }

  /**
   * {@code teach-data DIR [N] [SEED]}: the teaching demo's three datasets for the sft job, from N
   * training-split tasks: {@code teach-base.jsonl} (both roles' conversations as whole texts, for
   * pretraining from scratch), {@code teach-student.jsonl} and {@code teach-teacher.jsonl} (chat
   * lines, the loss on the answer or the reply), {@code teach-teacher-tutors.jsonl} (the tutors'
   * demonstrations the table's SFT teacher is fine-tuned on), {@code teach-learner.jsonl} (the
   * learning model's sessions and lessons, {@link ai.atlas.tools.demo.LessonProtocol}),
   * {@code teach-teacher-reader.jsonl} (the lines of the teacher that reads its playbook), and the pipeline job's task files
   * {@code teach-tasks.jsonl} and {@code teach-heldout.jsonl}.
   */
  private static int teachData(String[] args) {
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 12_000;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 7;
    var data = TeachingData.of(count, seed);
    try {
      data.write(Path.of(args[1]));
      TeachingData.writeTaskFiles(Path.of(args[1]), seed);
      TeachingData.writeTutorLines(Path.of(args[1]), seed);
      TeachingData.writeLearnerLines(Path.of(args[1]), seed);
      TeachingData.writeReaderLines(Path.of(args[1]), seed);
    } catch (java.io.IOException e) {
      System.err.println("teach-data: " + e.getMessage());
      return 2;
    }
    System.out.printf(Locale.ROOT, "teach-data: %d base, %d student, %d teacher, %d tutor, %d learner and %d reading-teacher lines,"
        + " %d pipeline tasks and %d held-out in %s%n",
        data.base().size(), data.student().size(), data.teacher().size(), TeachingData.TUTOR_LINES, TeachingData.LEARNER_LINES,
        TeachingData.READER_LINES, TeachingData.PIPELINE_TASKS,
        TeachingData.PIPELINE_HELD_OUT, args[1]);
    return 0;
  }

  private static double mean(List<StepMetrics> steps, ToDoubleFunction<StepMetrics> metric) {
    return steps.stream().mapToDouble(metric).average().orElse(Double.NaN);
  }

  static int run(String[] args) {
    if (args.length >= 2 && args[0].equals("teach-data")) {
      return teachData(args);
    }
    if (args.length >= 3 && args[0].equals("teach-demo")) {
      return TeachDemoCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
    }
    if (args.length >= 2 && args[0].equals("train-demo")) {
      int steps = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
      int batch = args.length > 3 ? Integer.parseInt(args[3]) : 16;
      var model = DemoModel.train(Path.of(args[1]), steps, batch, 7, Backends.choose(), System.out);
      System.out.println("held-out exact match by level: " + DemoModel.evaluate(model, 200));
      return 0;
    }
    if (args.length >= 3 && args[0].equals("demo-data")) {
      // N training problems as prompt/completion JSONL: the sft job's input for the demo model
      long seed = args.length > 3 ? Long.parseLong(args[3]) : 7;
      var lines = ArithmeticTasks.generate(ArithmeticTasks.Split.TRAIN, 0,
          Integer.parseInt(args[2]), seed).stream()
          .map(t -> jakarta.json.Json.createObjectBuilder().add("prompt", t.question()).add("completion", t.answer()).build().toString())
          .toList();
      try {
        java.nio.file.Files.write(Path.of(args[1]), lines);
      } catch (java.io.IOException e) {
        System.err.println("demo-data: " + e.getMessage());
        return 2;
      }
      return 0;
    }
    if (args.length >= 2 && args[0].equals("init-demo")) {
      long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
      ModelInit.initialise(DemoModel.config(), seed).save(Path.of(args[1]), Long.MAX_VALUE);
      return 0;
    }
    if (args.length >= 2 && args[0].equals("lesson-eval")) {
      int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 500;
      var learner = Transformer.load(Checkpoint.load(Path.of(args[1])), new ai.atlas.model.backend.CpuBackend(1));
      LessonEval.run(learner, sessions, 17, System.out);
      return 0;
    }
    if (args.length >= 2 && args[0].equals("grpo-demo")) {
      return grpoDemo(args);
    }
    if (args.length == 2 && args[0].equals("eval-demo")) {
      var model = Transformer.load(Checkpoint.load(Path.of(args[1])), Backends.choose());
      System.out.println("held-out exact match by level: " + DemoModel.evaluate(model, 200));
      return 0;
    }
    if (args.length != 2 || !args[0].equals("check-logits")) {
      System.err.println("usage: check-logits DIR | train-demo OUT [STEPS [BATCH]] | eval-demo DIR | demo-data OUT.jsonl N [SEED]"
          + " | init-demo DIR [SEED] | grpo-demo DIR [" + GrpoDemoOptions.USAGE + "] | teach-data DIR [N [SEED]]"
          + " | teach-demo STUDENT TEACHER [" + TeachDemoCommand.USAGE + "] | lesson-eval LEARNER [SESSIONS]");
      return 2;
    }
    try {
      LogitCheck.Result result = LogitCheck.run(Path.of(args[1]), Backends.choose());
      System.out.printf(Locale.ROOT, "%d cases, %d logits: largest error %.3g; worst %.2f of its tolerance (%s) -> %s%n",
          result.cases(), result.logits(), result.maxError(), result.worstRatio(), result.worstAt(),
          result.passed() ? "PASS" : "FAIL");
      return result.passed() ? 0 : 1;
    } catch (ModelException e) {
      System.err.println("check-logits: " + e.getMessage());
      return 2;
    }
  }
}
