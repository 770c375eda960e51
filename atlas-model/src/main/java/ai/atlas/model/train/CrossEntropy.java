package ai.atlas.model.train;

import ai.atlas.model.ModelException;
import ai.atlas.model.nn.TrainingPass;
import ai.atlas.model.nn.Transformer;

/**
 * Next-token cross-entropy with a loss mask: the mean of {@code -log p(target)} over the
 * positions whose mask is set (the completion tokens, in supervised fine-tuning).
 */
public final class CrossEntropy {

  private CrossEntropy() {}

  /** The loss of one sequence and its masked token count; adds the gradient, scaled by {@code weight}, into {@code grads}. */
  public record Result(double loss, int tokens) {}

  /**
   * {@code sequence} is the whole text's tokens; position {@code t} predicts {@code sequence[t+1]}
   * and counts when {@code lossMask[t+1]} is set.
   */
  public static Result step(Transformer model, int[] sequence, boolean[] lossMask, double weight, Transformer.Weights grads) {
    if (sequence.length < 2 || lossMask.length != sequence.length) {
      throw new ModelException("a training sequence needs at least two tokens and one mask flag per token");
    }
    int n = sequence.length - 1;
    int[] inputs = java.util.Arrays.copyOf(sequence, n);
    int[] targets = java.util.Arrays.copyOfRange(sequence, 1, sequence.length);
    int counted = 0;
    for (int i = 1; i < sequence.length; i++) {
      if (lossMask[i]) {
        counted++;
      }
    }
    if (counted == 0) {
      return new Result(0, 0);
    }
    TrainingPass pass = new TrainingPass(model);
    double[] logProbs = pass.forward(inputs, targets);
    double loss = 0;
    double[] dLogProbs = new double[n];
    for (int i = 0; i < n; i++) {
      if (lossMask[i + 1]) {
        loss -= logProbs[i];
        dLogProbs[i] = -weight / counted;
      }
    }
    if (grads != null) {
      pass.backward(dLogProbs, grads);
    }
    return new Result(loss / counted, counted);
  }
}
