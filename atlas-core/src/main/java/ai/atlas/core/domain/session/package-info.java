/**
 * The session aggregate: one task run through the learning loop, with its steps, its trajectory
 * events and the audit of its review. Sessions are what gets reviewed, exported and trained on.
 */
package ai.atlas.core.domain.session;
