package ai.atlas.model.train;

import java.util.Locale;

/**
 * A learning-rate schedule: linear warm-up from 0 over {@code warmupSteps}, then constant, linear
 * decay or cosine decay to {@code minRatio} of the peak at {@code totalSteps}.
 */
public record LearningRate(double peak, int warmupSteps, int totalSteps, Shape shape, double minRatio) {

  public enum Shape {
    CONSTANT,
    LINEAR,
    COSINE;

    public static Shape of(String name) {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
  }

  /** The rate at a step, counted from 0. */
  public double at(int step) {
    if (warmupSteps > 0 && step < warmupSteps) {
      return peak * (step + 1) / warmupSteps;
    }
    if (shape == Shape.CONSTANT || totalSteps <= warmupSteps) {
      return peak;
    }
    double progress = Math.min(1.0, (step - warmupSteps) / (double) Math.max(1, totalSteps - warmupSteps));
    double decay = shape == Shape.LINEAR ? 1 - progress : 0.5 * (1 + Math.cos(Math.PI * progress));
    return peak * (minRatio + (1 - minRatio) * decay);
  }
}
