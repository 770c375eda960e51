/**
 * The developers' command lines, kept out of the library modules: {@link ai.atlas.tools.ModelCommand}
 * (check-logits, the demo models, teach-demo) and {@link ai.atlas.tools.GrpoCommand} (check-grpo,
 * bench-grpo on a GPU machine).
 */
package ai.atlas.tools;
