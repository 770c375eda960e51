package ai.atlas.model.grpo;

import ai.atlas.model.ModelException;
import ai.atlas.model.objective.Advantages;
import ai.atlas.model.objective.GrpoParams;
import ai.atlas.model.objective.LossType;
import ai.atlas.model.train.LearningRate;

/**
 * A GRPO run's settings. Sampling: {@code numGenerations} completions per prompt at
 * {@code temperature}, at most {@code maxCompletionLength} tokens each; with
 * {@code maskTruncated} a completion that hit that limit counts for nothing in the loss. The
 * objective: loss type, {@code beta} (0: no reference model), the clip range, and
 * {@code scaleRewards}. The update: {@code iterations} optimizer steps per sampled batch (above 1
 * the importance ratios and clipping come into play), the learning-rate schedule, gradient
 * clipping and weight decay, {@code microBatch} completions in memory at a time. The reference:
 * frozen ({@code refSyncSteps} 0) or mixed towards the policy every {@code refSyncSteps} steps as
 * {@code ref = alpha·policy + (1 - alpha)·ref}. The seed fixes every sample.
 */
public record GrpoSettings(int numGenerations, double temperature, int maxCompletionLength, boolean maskTruncated,
    LossType lossType, double beta, double epsilonLow, double epsilonHigh, Advantages.Scale scaleRewards,
    int iterations, LearningRate schedule, double clipNorm, double weightDecay, int microBatch,
    int refSyncSteps, double refMixAlpha, long seed) {

  public GrpoSettings {
    if (numGenerations < 2) {
      throw new ModelException("GRPO needs at least 2 generations per prompt (the group is the baseline)");
    }
    if (!(temperature > 0) || maxCompletionLength < 1 || iterations < 1 || microBatch < 1 || refSyncSteps < 0) {
      throw new ModelException("GRPO needs temperature > 0, and max completion length, iterations and micro-batch of at least 1");
    }
    if (!(refMixAlpha >= 0 && refMixAlpha <= 1)) {
      throw new ModelException("the reference mix factor must be between 0 and 1");
    }
    new GrpoParams(lossType, beta, temperature, epsilonLow, epsilonHigh, maxCompletionLength,
        lossType == LossType.DAPO ? 1 : null); // validates the objective's part
  }

  /** TRL's defaults where it has them, on a constant learning rate of {@code lr} for {@code totalSteps}. */
  public static GrpoSettings defaults(double lr, int totalSteps, long seed) {
    return new GrpoSettings(8, 1.0, 16, false, LossType.DAPO, 0.04, 0.2, 0.2, Advantages.Scale.GROUP, 1,
        new LearningRate(lr, 0, totalSteps, LearningRate.Shape.CONSTANT, 1.0), 1.0, 0.0, 16, 0, 0.6, seed);
  }
}
