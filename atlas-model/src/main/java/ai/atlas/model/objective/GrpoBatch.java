package ai.atlas.model.objective;

import ai.atlas.model.ModelException;

/**
 * One batch of completions, row-major: {@code logits} B×T×V (row {@code [i][t]} predicts
 * {@code tokens[i][t]}), {@code mask} B×T (1 where the token counts), one advantage per
 * completion, and the log-probs B×T under the sampling policy ({@code oldLogp}; null: on-policy)
 * and under the reference ({@code refLogp}; null when beta is 0).
 */
public record GrpoBatch(int b, int t, int v, float[] logits, int[] tokens, float[] mask, float[] advantages, float[] oldLogp,
    float[] refLogp) {

  public GrpoBatch {
    if (logits.length != (long) b * t * v || tokens.length != b * t || mask.length != b * t || advantages.length != b
        || (oldLogp != null && oldLogp.length != b * t) || (refLogp != null && refLogp.length != b * t)) {
      throw new ModelException("a GRPO batch's arrays do not match its shape B=" + b + ", T=" + t + ", V=" + v);
    }
  }
}
