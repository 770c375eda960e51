package ai.atlas.model.train;

import ai.atlas.model.nn.Transformer;
import java.util.List;

/**
 * Supervised fine-tuning steps: each step runs a batch of examples, averages the loss over their
 * completion tokens, clips the gradient's global norm, and updates the weights with AdamW at the
 * schedule's rate. Deterministic: the same model, examples and settings give the same weights.
 */
public final class SftTrainer {

  /** The training settings. */
  public record Settings(LearningRate schedule, double clipNorm, double weightDecay, double beta1, double beta2) {
    public static Settings of(LearningRate schedule) {
      return new Settings(schedule, 1.0, 0.01, 0.9, 0.95);
    }
  }

  /** What one step did. */
  public record StepMetrics(int step, double loss, int tokens, double gradNorm, double learningRate) {}

  private final Transformer model;
  private final Settings settings;
  private final Transformer.Weights grads;
  private final AdamW optimizer;
  private int step;

  public SftTrainer(Transformer model, Settings settings) {
    this.model = model;
    this.settings = settings;
    this.grads = model.weights().zerosLike();
    this.optimizer = new AdamW(model.weights().parameters(), settings.beta1(), settings.beta2(), 1e-8, settings.weightDecay());
  }

  public StepMetrics step(List<SftExample> batch) {
    grads.clear();
    int total = 0;
    for (SftExample example : batch) {
      total += masked(example);
    }
    double loss = 0;
    if (total > 0) {
      for (SftExample example : batch) {
        int counted = masked(example);
        if (counted > 0) {
          double weight = counted / (double) total;
          loss += weight * CrossEntropy.step(model, example.tokens(), example.lossMask(), weight, grads).loss();
        }
      }
    }
    double norm = GradientClipping.clip(grads.parameters(), settings.clipNorm());
    double lr = settings.schedule().at(step);
    optimizer.step(model.weights().parameters(), grads.parameters(), lr);
    return new StepMetrics(step++, loss, total, norm, lr);
  }

  /** Tokens that count in the loss: masked positions after the first. */
  private static int masked(SftExample example) {
    int n = 0;
    for (int i = 1; i < example.lossMask().length; i++) {
      if (example.lossMask()[i]) {
        n++;
      }
    }
    return n;
  }

  public int steps() {
    return step;
  }

  public AdamW optimizer() {
    return optimizer;
  }

  /** Restores the step count (with the optimizer's state) from a checkpoint. */
  public void resumeAt(int steps) {
    this.step = steps;
  }

  public Transformer model() {
    return model;
  }
}
