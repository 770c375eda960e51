/**
 * The {@code export} job: stored sessions (approved ones by default) written as JSON lines to a
 * file, in constant memory, restartable at chunk boundaries.
 */
package ai.atlas.batch.export;
