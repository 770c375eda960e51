/** The reward system over REST: evaluate an interaction, read back what the judges were sent and answered. */
package ai.atlas.web.interfaces.rewards;
