package ai.atlas.model.objective;

/**
 * The objective's value and what training and its metrics need: the per-token log-probs (B×T),
 * the normalised loss, the masked means of the k3 KL and of the clipped indicator, and
 * {@code d loss / d logits} (B×T×V).
 */
public record GrpoResult(float[] logp, double loss, double klMean, double clipFraction, float[] dLogits) {}
