/** The model engine's command line: {@code check-logits DIR}. */
package ai.atlas.model.cli;
