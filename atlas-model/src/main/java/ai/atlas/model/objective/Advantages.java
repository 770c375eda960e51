package ai.atlas.model.objective;

import ai.atlas.model.ModelException;
import java.util.Locale;

/**
 * Group-relative advantages: each reward minus its group's mean ({@code numGenerations}
 * consecutive completions of one prompt), divided by a standard deviation as
 * {@code scale_rewards} says: the group's ({@code group}), the whole batch's ({@code batch}), or
 * none ({@code none}). Standard deviations are unbiased (n - 1), with 1e-4 added.
 */
public final class Advantages {

  public enum Scale {
    GROUP,
    BATCH,
    NONE;

    public static Scale of(String name) {
      try {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ModelException("scale_rewards '" + name + "' is not one of group, batch, none");
      }
    }
  }

  private static final double STD_EPSILON = 1e-4;

  private Advantages() {}

  public static double[] compute(double[] rewards, int numGenerations, Scale scale) {
    checkGroups(rewards.length, numGenerations);
    double[] out = new double[rewards.length];
    double batchStd = standardDeviation(rewards, 0, rewards.length);
    for (int g = 0; g < rewards.length; g += numGenerations) {
      double mean = 0;
      for (int i = g; i < g + numGenerations; i++) {
        mean += rewards[i];
      }
      mean /= numGenerations;
      double divisor = switch (scale) {
        case GROUP -> standardDeviation(rewards, g, g + numGenerations) + STD_EPSILON;
        case BATCH -> batchStd + STD_EPSILON;
        case NONE -> 1.0;
      };
      for (int i = g; i < g + numGenerations; i++) {
        out[i] = (rewards[i] - mean) / divisor;
      }
    }
    return out;
  }

  /** Throws unless {@code count} rewards form whole groups of {@code numGenerations}. */
  public static void checkGroups(int count, int numGenerations) {
    if (numGenerations < 1 || count % numGenerations != 0) {
      throw new ModelException(count + " rewards do not form groups of " + numGenerations);
    }
  }

  private static double standardDeviation(double[] values, int from, int to) {
    int n = to - from;
    if (n < 2) {
      return 0;
    }
    double mean = 0;
    for (int i = from; i < to; i++) {
      mean += values[i];
    }
    mean /= n;
    double squares = 0;
    for (int i = from; i < to; i++) {
      squares += (values[i] - mean) * (values[i] - mean);
    }
    return Math.sqrt(squares / (n - 1));
  }
}
