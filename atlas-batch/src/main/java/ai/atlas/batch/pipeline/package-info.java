/**
 * The {@code pipeline} job: the closed learning loop on stored sessions, in one job. Sessions are
 * run (from a task file, optional), reviewed by rule, exported, the profile's teacher is trained
 * further by GRPO with the paired teaching reward, the old and new teachers are measured on a
 * held-out task file, and the profile is switched to the new teacher when the rule allows. Every
 * stage writes its part of the job's result, which the console shows as it fills.
 */
package ai.atlas.batch.pipeline;
