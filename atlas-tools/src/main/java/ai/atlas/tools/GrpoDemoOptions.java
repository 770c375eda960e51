package ai.atlas.tools;

import ai.atlas.model.ModelException;
import ai.atlas.model.grpo.GrpoSettings;
import ai.atlas.model.grpo.VerifiableReward;
import ai.atlas.model.objective.Advantages;
import ai.atlas.model.train.LearningRate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of {@code grpo-demo}, as {@code name=value} words so that a run's command line says
 * what it ran with. Unnamed options keep the defaults below; completions are at most 8 tokens (the
 * demo's answers are numbers) and the rest of the settings are {@link GrpoSettings#defaults}.
 */
record GrpoDemoOptions(long seed, int steps, int prompts, int generations, double lr, LearningRate.Shape schedule,
    int warmup, double minLr, double beta, int eval, Advantages.Scale scale, int level, double partialCredit, boolean samePrompts) {

  /** The names with their defaults: the recipe of {@code docs/benchmarks.md}. */
  static final String USAGE = "seed=1 steps=600 prompts=8 generations=8 lr=5e-4 schedule=cosine|linear|constant warmup=20"
      + " min-lr=0.1 beta=0.04 eval=200 scale=group|batch|none level=0 partial-credit=0.5 same-prompts=false";

  static GrpoDemoOptions parse(String... words) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String word : words) {
      int equals = word.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("'" + word + "' is not name=value (" + USAGE + ")");
      }
      given.put(word.substring(0, equals), word.substring(equals + 1));
    }
    try {
      GrpoDemoOptions options = new GrpoDemoOptions(Long.parseLong(take(given, "seed", "1")),
          Integer.parseInt(take(given, "steps", "600")), Integer.parseInt(take(given, "prompts", "8")),
          Integer.parseInt(take(given, "generations", "8")), Double.parseDouble(take(given, "lr", "5e-4")),
          schedule(take(given, "schedule", "cosine")), Integer.parseInt(take(given, "warmup", "20")),
          Double.parseDouble(take(given, "min-lr", "0.1")), Double.parseDouble(take(given, "beta", "0.04")),
          Integer.parseInt(take(given, "eval", "200")), Advantages.Scale.of(take(given, "scale", "group")),
          Integer.parseInt(take(given, "level", "0")), Double.parseDouble(take(given, "partial-credit", "0.5")),
          Boolean.parseBoolean(take(given, "same-prompts", "false")));
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("unknown option " + given.keySet().iterator().next() + " (" + USAGE + ")");
      }
      options.settings(); // the settings' and the reward's own checks, before any model is loaded
      options.reward();
      return options;
    } catch (NumberFormatException | ModelException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static LearningRate.Shape schedule(String name) {
    try {
      return LearningRate.Shape.of(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("schedule '" + name + "' is not one of constant, linear, cosine", e);
    }
  }

  private static String take(Map<String, String> given, String name, String fallback) {
    String value = given.remove(name);
    return value == null ? fallback : value;
  }

  /** The training reward (the held-out reward is always measured with partial credit 0.5). */
  VerifiableReward reward() {
    return new VerifiableReward(partialCredit);
  }

  /** The trainer's settings: the demo's completion cap and these options over the defaults. */
  GrpoSettings settings() {
    GrpoSettings defaults = GrpoSettings.defaults(lr, steps, seed);
    return new GrpoSettings(generations, 1.0, 8, false, defaults.lossType(), beta, defaults.epsilonLow(),
        defaults.epsilonHigh(), scale, 1, new LearningRate(lr, warmup, steps, schedule, minLr), defaults.clipNorm(),
        defaults.weightDecay(), 16, 0, defaults.refMixAlpha(), seed);
  }
}
