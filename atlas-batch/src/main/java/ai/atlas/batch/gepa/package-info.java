/**
 * The {@code gepa} job: GEPA over a profile's prompt templates, one iteration per chunk, every
 * evaluation a session through the runtime loop and the reward system; the pool, the budget spent
 * and the iterations are the chunk checkpoint, and {@code optimized_prompts.json} is the job's
 * result, updated after every iteration.
 */
package ai.atlas.batch.gepa;
