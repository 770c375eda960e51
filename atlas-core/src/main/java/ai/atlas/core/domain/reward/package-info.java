/** What the reward system keeps: every call its judges made, for audit. */
package ai.atlas.core.domain.reward;
