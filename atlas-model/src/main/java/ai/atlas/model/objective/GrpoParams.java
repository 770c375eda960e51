package ai.atlas.model.objective;

import ai.atlas.model.ModelException;

/**
 * The objective's settings: the loss normalisation, the KL coefficient {@code beta}, the sampling
 * temperature the logits are divided by, the clip range {@code [1 - epsilonLow, 1 + epsilonHigh]},
 * and the lengths {@code dr_grpo} and {@code dapo} normalise by.
 */
public record GrpoParams(LossType lossType, double beta, double temperature, double epsilonLow, double epsilonHigh,
    int maxCompletionLength, Integer numItemsInBatch) {

  public GrpoParams {
    if (!(temperature > 0) || beta < 0 || epsilonLow < 0 || epsilonHigh < 0) {
      throw new ModelException("GRPO needs temperature > 0 and beta, epsilon_low, epsilon_high >= 0");
    }
    if (lossType == LossType.DAPO && (numItemsInBatch == null || numItemsInBatch < 1)) {
      throw new ModelException("the dapo loss needs num_items_in_batch (active tokens in the generation batch)");
    }
    if (lossType == LossType.DR_GRPO && maxCompletionLength < 1) {
      throw new ModelException("the dr_grpo loss needs max_completion_length");
    }
  }
}
