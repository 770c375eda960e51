package ai.atlas.tools.demo;

import ai.atlas.model.backend.Backend;
import ai.atlas.model.backend.Backends;
import ai.atlas.model.grpo.GrpoPrompt;
import ai.atlas.model.grpo.GrpoSettings;
import ai.atlas.model.grpo.GrpoTrainer;
import ai.atlas.model.grpo.PairedTeachingRewards;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.objective.Advantages;
import ai.atlas.model.objective.LossType;
import ai.atlas.model.tasks.LetterTasks;
import ai.atlas.model.tokenizer.ByteTokenizer;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.model.train.LearningRate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * GRPO of the teacher with the teaching reward (the {@code grpo} job's trainer): each step takes
 * training tasks, has the student answer them alone, and samples the teacher's replies to that
 * answer; {@link PairedTeachingRewards} scores each reply by what it did to the student's answer.
 */
public final class TeacherGrpo {

  /** The recipe's knobs. */
  public record Options(int steps, int prompts, int generations, double lr, int warmup, double beta, double temperature, long seed) {
    public static final Options DEFAULTS = new Options(20, 6, 8, 1e-4, 5, 0.04, 1.0, 1);

    public Options withSeed(long value) {
      return new Options(steps, prompts, generations, lr, warmup, beta, temperature, value);
    }

    GrpoSettings settings() {
      return new GrpoSettings(generations, temperature, TeachingPair.TEACHER_TOKENS, false, LossType.DAPO, beta, 0.2, 0.2,
          Advantages.Scale.GROUP, 1, new LearningRate(lr, warmup, steps, LearningRate.Shape.COSINE, 0.1), 1.0, 0.0, 16, 0, 0.6,
          seed);
    }
  }

  private TeacherGrpo() {}

  /** The training tasks of a step: by seed and step, so a run is reproducible. */
  static List<LetterTasks.Task> tasks(int step, int count, long seed) {
    return LetterTasks.generate(LetterTasks.Split.TRAIN, count, seed * 1_000_003L + step);
  }

  /** Trains a copy of the teacher at {@code teacherDir} against the student; answers the trained teacher. */
  public static Transformer train(Transformer student, Path teacherDir, Options options, Backend backend, PrintStream log) {
    Transformer policy = Transformer.load(Checkpoint.load(teacherDir), backend);
    Transformer reference = options.beta() > 0 ? Transformer.load(Checkpoint.load(teacherDir), backend) : null;
    GrpoTrainer trainer = new GrpoTrainer(policy, reference, new ByteTokenizer(), ChatFormat.SIMPLE, options.settings(),
        Backends.bestCpu().grpoObjective());
    TeachingPair alone = new TeachingPair(student, null);
    PairedTeachingRewards reward = TeachingProtocol.reward(alone);
    for (int step = 0; step < options.steps(); step++) {
      List<GrpoPrompt> tasks = tasks(step, options.prompts(), options.seed()).stream()
          .map(t -> GrpoPrompt.of(t.question(), t.answer())).toList();
      GrpoTrainer.StepMetrics m = trainer.update(trainer.rollout(reward.prompts(tasks), reward));
      if (log != null && (step % 10 == 0 || step == options.steps() - 1)) {
        log.printf(Locale.ROOT, "seed %d step %d reward %.3f±%.3f improved %.2f degraded %.2f kl %.4f entropy %.3f  %.0f ms%n",
            options.seed(), m.step(), m.rewardMean(), m.rewardStd(), nz(m.improvementRate()), nz(m.degradationRate()), m.kl(),
            m.entropy(), m.timings().total());
      }
    }
    return policy;
  }

  private static double nz(Double value) {
    return value == null ? 0 : value;
  }
}
