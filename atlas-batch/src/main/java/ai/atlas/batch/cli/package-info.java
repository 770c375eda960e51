/** The batch module's command line: {@code check-grpo} and {@code bench-grpo}. */
package ai.atlas.batch.cli;
