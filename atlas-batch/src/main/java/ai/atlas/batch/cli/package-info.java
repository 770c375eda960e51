/** The batch module's command line: {@code check-grpo DIR}. */
package ai.atlas.batch.cli;
