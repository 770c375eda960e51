package ai.atlas.tools.demo;

import ai.atlas.model.backend.Backend;
import ai.atlas.model.backend.Backends;
import ai.atlas.model.generate.Generator;
import ai.atlas.model.generate.SamplingOptions;
import ai.atlas.model.grpo.GrpoPrompt;
import ai.atlas.model.grpo.GrpoSettings;
import ai.atlas.model.grpo.GrpoTrainer;
import ai.atlas.model.grpo.VerifiableReward;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.tasks.ArithmeticTasks;
import ai.atlas.model.tokenizer.ByteTokenizer;
import ai.atlas.model.tokenizer.ChatFormat;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GRPO on the demo task family, from a demo checkpoint: held-out reward (the verifiable reward of
 * sampled answers) and greedy exact match before and after, and the run's steps. The recipe behind
 * the benchmark in {@code docs/benchmarks.md}; the server's {@code grpo} job runs the same trainer.
 */
public final class GrpoDemo {

  /** Held-out quality: the mean reward of sampled answers, and greedy exact match overall and by level. */
  public record Quality(double reward, double exactMatch, Map<Integer, Double> exactMatchByLevel) {}

  /** What a run measured. */
  public record Result(Quality before, Quality after, List<GrpoTrainer.StepMetrics> steps) {}

  private GrpoDemo() {}

  /** The problems a step trains on: {@code count} training-split problems of a level (0: all), by step and seed. */
  public static List<GrpoPrompt> prompts(int step, int count, long seed, int level) {
    return ArithmeticTasks.generate(ArithmeticTasks.Split.TRAIN, level, count, seed * 1_000_003L + step).stream()
        .map(t -> GrpoPrompt.of(t.question(), t.answer())).toList();
  }

  /** The demo's reward: exact answers 1, near misses partial credit up to 0.5. */
  public static final VerifiableReward REWARD = new VerifiableReward(0.5);

  /**
   * Trains with {@code reward} (the held-out reward is always measured with {@link #REWARD}, so runs
   * that train on different partial credit compare). With {@code samePrompts}, every step trains on
   * the first step's prompts: a check that the policy learns what it is shown.
   */
  public static Result run(Path checkpoint, GrpoSettings settings, VerifiableReward reward, int steps, int promptsPerStep,
      int level, boolean samePrompts, int evalPerLevel, Backend backend, PrintStream log) {
    Checkpoint loaded = Checkpoint.load(checkpoint);
    Transformer policy = Transformer.load(loaded, backend);
    Transformer reference = settings.beta() > 0 ? Transformer.load(Checkpoint.load(checkpoint), backend) : null;
    GrpoTrainer trainer = new GrpoTrainer(policy, reference, new ByteTokenizer(), ChatFormat.SIMPLE, settings, Backends.bestCpu().grpoObjective());
    Quality before = quality(policy, settings.temperature(), evalPerLevel);
    log.printf(Locale.ROOT, "before: held-out reward %.4f, exact match %.4f %s%n", before.reward(), before.exactMatch(),
        before.exactMatchByLevel());
    List<GrpoTrainer.StepMetrics> all = new ArrayList<>();
    for (int step = 0; step < steps; step++) {
      GrpoTrainer.StepMetrics m = trainer.update(trainer.rollout(prompts(samePrompts ? 0 : step, promptsPerStep, settings.seed(), level),
          reward));
      all.add(m);
      log.printf(Locale.ROOT, "step %d reward %.3f±%.3f kl %.4f entropy %.3f length %.2f loss %.4f grad-norm %.3f  %.0f ms%n",
          m.step(), m.rewardMean(), m.rewardStd(), m.kl(), m.entropy(), m.completionLength(), m.loss(), m.gradNorm(),
          m.timings().total());
    }
    Quality after = quality(policy, settings.temperature(), evalPerLevel);
    log.printf(Locale.ROOT, "after: held-out reward %.4f, exact match %.4f %s%n", after.reward(), after.exactMatch(),
        after.exactMatchByLevel());
    return new Result(before, after, all);
  }

  /** Sampled answers per held-out problem for the reward: enough that the sampling's own noise stays under a point. */
  static final int SAMPLES = 16;

  /** Held-out quality on {@code perLevel} problems of each level: {@value #SAMPLES} samples each at the temperature, and the greedy answer. */
  public static Quality quality(Transformer model, double temperature, int perLevel) {
    ByteTokenizer tokenizer = new ByteTokenizer();
    Generator generator = new Generator(model, tokenizer);
    double rewardSum = 0;
    int samples = 0;
    for (int level = 1; level <= 3; level++) {
      List<ArithmeticTasks.Task> tasks = ArithmeticTasks.generate(ArithmeticTasks.Split.HELD_OUT, level, perLevel, 1000 + level);
      for (int i = 0; i < tasks.size(); i++) {
        ArithmeticTasks.Task task = tasks.get(i);
        String prompt = ChatFormat.SIMPLE.render(List.of(new ChatFormat.Message("user", task.question())));
        List<SamplingOptions> each = new ArrayList<>();
        for (int s = 0; s < SAMPLES; s++) {
          each.add(new SamplingOptions(temperature, 1.0, 0, 31L * i + s + level * 100_000L, 8, List.of(ChatFormat.SIMPLE.stop())));
        }
        List<String> answers = generator.generateEach(tokenizer.encode(prompt), each).stream().map(Generator.Generation::text).toList();
        for (double reward : REWARD.score(GrpoPrompt.of(task.question(), task.answer()), answers).rewards()) {
          rewardSum += reward;
          samples++;
        }
      }
    }
    Map<Integer, Double> byLevel = DemoModel.evaluate(model, perLevel);
    double exact = byLevel.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    return new Quality(rewardSum / samples, exact, byLevel);
  }
}
