package ai.atlas.core.reward;

/**
 * One call a judge made, kept for audit: what it was sent and what it answered.
 *
 * @param kind {@code sample}, {@code arbiter} or {@code plugin}
 * @param temperature the sampling temperature, or null
 * @param response the model's answer, or the error that replaced it
 */
public record JudgeCall(String judge, String kind, Double temperature, String prompt, String response, Double score,
    Double uncertainty, boolean parsed) {}
