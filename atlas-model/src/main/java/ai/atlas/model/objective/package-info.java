/**
 * The fused GRPO objective as a contract every backend implements: the batch of log-probabilities
 * and rewards ({@link ai.atlas.model.objective.GrpoBatch}), the loss settings, the group
 * advantages, the result with its gradient, and the plain-Java reference
 * ({@link ai.atlas.model.objective.CpuGrpoObjective}) that is both the fallback and the test
 * oracle. Below the backends, so a {@link ai.atlas.model.backend.Backend} can offer one.
 */
package ai.atlas.model.objective;
