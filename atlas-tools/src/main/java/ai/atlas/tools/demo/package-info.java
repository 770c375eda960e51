/**
 * The recipes that train the shipped demo checkpoints from scratch with the engine: the arithmetic
 * demo model, and the teaching demo's student and teacher (SFT, then GRPO with the teaching
 * reward) with the table that measures them.
 */
package ai.atlas.tools.demo;
