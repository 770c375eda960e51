/**
 * The {@code atlas} command: a picocli client of the REST API for setting up an environment,
 * running tasks, reviewing and exporting sessions and starting training jobs from a terminal.
 */
package ai.atlas.cli;
