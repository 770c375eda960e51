package ai.atlas.model.grpo;

import java.util.List;

/**
 * Scores one prompt's group of completions. Rewards that compare with a baseline (the teaching
 * reward: the student without and with the guidance) also say how many completions improved on
 * it and how many made it worse.
 */
@FunctionalInterface
public interface GrpoRewards extends AutoCloseable {

  /** A group's rewards, and the improved and degraded counts out of {@code compared} (0 when there is no baseline). */
  record Scores(double[] rewards, int improved, int degraded, int compared) {
    public static Scores of(double[] rewards) {
      return new Scores(rewards, 0, 0, 0);
    }
  }

  Scores score(GrpoPrompt prompt, List<String> completions);

  /**
   * The prompts the policy answers, made from the dataset's: the same by default; a reward that
   * asks the policy about something first (the paired teaching reward shows it the student's
   * answer) makes its own.
   */
  default List<GrpoPrompt> prompts(List<GrpoPrompt> given) {
    return given;
  }

  /** Releases what the reward holds (a student agent's process or connections); the default holds nothing. */
  @Override
  default void close() {}
}
