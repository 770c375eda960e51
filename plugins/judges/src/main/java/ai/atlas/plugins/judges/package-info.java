/**
 * Judges: verifiable ones (exact match, numeric with tolerance, regular expression, JSON Schema, a
 * command's exit code) and an LLM rubric judge over any chat model of the profile.
 */
package ai.atlas.plugins.judges;
