package ai.atlas.core.profile;

import ai.atlas.core.common.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a profile's reward is computed: the rubric judges and their weights, the ensemble's
 * temperatures and escalation thresholds, the rule that picks a judge's score from its samples,
 * the time a sample may take, the weights of feedback and tool outcomes against the judges, and how
 * many samples a judge asks for at once ({@code rim.parallel_workers}; {@link #ALL_AT_ONCE}: every
 * temperature at once).
 *
 * @param selection {@code least_uncertain}: the score of the sample with the lowest uncertainty
 *     (the first of equals); {@code mean}: the mean of the parsed samples' scores
 */
public record RewardSettings(
    List<Double> temperatures,
    double varianceThreshold,
    double uncertaintyThreshold,
    Selection selection,
    Duration sampleTimeout,
    double feedbackWeight,
    double toolWeight,
    int parallelWorkers) {

  /** No bound on the samples asked at once beyond the temperatures themselves. */
  public static final int ALL_AT_ONCE = 0;

  /** The settings without a bound on parallel samples. */
  public RewardSettings(List<Double> temperatures, double varianceThreshold, double uncertaintyThreshold, Selection selection,
      Duration sampleTimeout, double feedbackWeight, double toolWeight) {
    this(temperatures, varianceThreshold, uncertaintyThreshold, selection, sampleTimeout, feedbackWeight, toolWeight, ALL_AT_ONCE);
  }

  /** The built-in rubric judges; any other judge type is a plugin. */
  public static final Set<String> RUBRICS = Set.of("accuracy", "helpfulness", "process", "diagnostic");

  public static final RewardSettings DEFAULTS =
      new RewardSettings(List.of(0.2, 0.5, 0.8), 0.15, 0.3, Selection.LEAST_UNCERTAIN, Duration.ofSeconds(60), 0.3, 0.1);

  /** How a judge's score is picked from its samples when they agree. */
  public enum Selection {
    LEAST_UNCERTAIN,
    MEAN;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public RewardSettings {
    temperatures = List.copyOf(temperatures);
    if (temperatures.isEmpty()) {
      throw new InvalidInputException("rim.temperatures needs at least one temperature");
    }
    if (feedbackWeight + toolWeight > 1) {
      throw new InvalidInputException("rim.feedback_weight and rim.tool_weight may add up to 1 at most");
    }
  }

  /** The settings of a validated {@code rim} block, with the defaults for what it leaves out. */
  @SuppressWarnings("unchecked")
  public static RewardSettings from(Map<String, Object> rim) {
    RewardSettings d = DEFAULTS;
    List<Double> temperatures = rim.get("temperatures") instanceof List<?> list
        ? ((List<Object>) list).stream().map(t -> ((Number) t).doubleValue()).toList() : d.temperatures();
    Selection selection = rim.get("selection") == null ? d.selection()
        : Selection.valueOf(rim.get("selection").toString().toUpperCase(Locale.ROOT));
    return new RewardSettings(
        temperatures,
        number(rim, "variance_threshold", d.varianceThreshold()),
        number(rim, "uncertainty_threshold", d.uncertaintyThreshold()),
        selection,
        rim.get("sample_timeout_seconds") == null ? d.sampleTimeout()
            : Duration.ofSeconds(((Number) rim.get("sample_timeout_seconds")).longValue()),
        number(rim, "feedback_weight", d.feedbackWeight()),
        number(rim, "tool_weight", d.toolWeight()),
        rim.get("parallel_workers") instanceof Number n ? n.intValue() : ALL_AT_ONCE);
  }

  private static double number(Map<String, Object> block, String key, double fallback) {
    return block.get(key) instanceof Number n ? n.doubleValue() : fallback;
  }
}
