/**
 * The stored sessions as the API and the jobs read them: queries, review, feedback, export and
 * the learning timeline. Sits on top of the reward system (feedback is a reward).
 */
package ai.atlas.core.sessions;
