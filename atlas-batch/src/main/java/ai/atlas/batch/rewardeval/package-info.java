/**
 * The {@code reward-eval} job: the accuracy of a profile's judges on a preference dataset, per
 * category and overall, in chunks that a restart resumes.
 */
package ai.atlas.batch.rewardeval;
