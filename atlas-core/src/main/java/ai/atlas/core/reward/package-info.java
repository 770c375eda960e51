/**
 * The reward system (RIM): rubric judges sampled as an ensemble with escalation to an arbiter,
 * plugin judges, consistency caps, feedback and tool outcomes as signals, and the teaching reward
 * that trains a teacher.
 */
package ai.atlas.core.reward;
