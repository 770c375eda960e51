package ai.atlas.core.domain.reward;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Whether a session's reward is far from its learning key's recent history: a robust z-score
 * (distance from the median in units of the median absolute deviation, scaled by 0.6745 so it
 * reads like a standard score) of 3 or more over the last 50 rewards, once there are at least 5.
 */
public final class DriftDetector {

  public static final int WINDOW = 50;
  public static final int MINIMUM_HISTORY = 5;
  public static final double THRESHOLD = 3.0;
  /** Where a score is stored and reported, infinity included (no spread in the history). */
  public static final double MAX_SCORE = 1e6;

  private DriftDetector() {}

  /**
   * A profile's drift rule ({@code runtime_safety.drift}): whether it is on, how many recent
   * rewards it reads, the robust z-score from which a reward is drift, and the history it needs first.
   */
  public record Settings(boolean enabled, int window, double threshold, int minimumHistory) {
    public static final Settings DEFAULTS = new Settings(true, WINDOW, THRESHOLD, MINIMUM_HISTORY);

    /** The robust z-score of {@code reward} when it is drift, else empty. */
    public OptionalDouble drift(List<Double> history, double reward) {
      if (!enabled) {
        return OptionalDouble.empty();
      }
      OptionalDouble z = score(history, reward, window, minimumHistory);
      return z.isPresent() && z.getAsDouble() >= threshold ? z : OptionalDouble.empty();
    }
  }

  /** The robust z-score of {@code reward} against the history, or empty while the history is too short. */
  public static OptionalDouble score(List<Double> history, double reward) {
    return score(history, reward, WINDOW, MINIMUM_HISTORY);
  }

  static OptionalDouble score(List<Double> history, double reward, int window, int minimumHistory) {
    if (history.size() < Math.max(1, minimumHistory)) {
      return OptionalDouble.empty();
    }
    double[] recent = history.subList(Math.max(0, history.size() - window), history.size()).stream()
        .mapToDouble(Double::doubleValue).toArray();
    double median = median(recent);
    double mad = median(Arrays.stream(recent).map(r -> Math.abs(r - median)).toArray());
    if (mad == 0) {
      // More than half the history is one value: fall back to the mean absolute deviation
      // (scaled by 1.2533 to read like a standard score), and with no spread at all any
      // different reward is as far off as it gets.
      double meanAd = Arrays.stream(recent).map(r -> Math.abs(r - median)).average().orElse(0);
      if (meanAd == 0) {
        return OptionalDouble.of(reward == median ? 0 : Double.POSITIVE_INFINITY);
      }
      return OptionalDouble.of(Math.abs(reward - median) / (1.2533 * meanAd));
    }
    return OptionalDouble.of(0.6745 * Math.abs(reward - median) / mad);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
