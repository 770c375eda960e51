package ai.atlas.model.grpo;

/**
 * One sampled completion: its prompt, the prompt's tokens, the completion's tokens (with the
 * end-of-turn marker or end-of-sequence token that ended it), its text without that marker, and
 * whether it ran out of room instead of ending.
 */
public record Rollout(GrpoPrompt prompt, int[] promptTokens, int[] completionTokens, String text, boolean truncated) {}
