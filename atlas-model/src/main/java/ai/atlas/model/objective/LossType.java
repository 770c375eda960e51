package ai.atlas.model.objective;

import ai.atlas.model.ModelException;
import java.util.Locale;

/**
 * How the per-token losses are normalised (M the mask, L_i the tokens of completion i):
 * {@code grpo} the mean over completions of {@code sum_t M·l / max(1, L_i)}; {@code bnpo}
 * {@code sum M·l / max(1, sum M)}; {@code dr_grpo} {@code sum M·l / (B · max_completion_length)};
 * {@code dapo} {@code sum M·l / num_items_in_batch} (active tokens in the whole generation batch).
 */
public enum LossType {
  GRPO,
  BNPO,
  DR_GRPO,
  DAPO;

  public static LossType of(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ModelException("loss type '" + name + "' is not one of grpo, bnpo, dr_grpo, dapo");
    }
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
