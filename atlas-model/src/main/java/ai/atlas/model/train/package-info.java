/** Training: losses, AdamW, gradient clipping, learning-rate schedules. */
package ai.atlas.model.train;
