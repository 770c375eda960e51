/**
 * Verifiable judges (exact, numeric, regular expression, JSON Schema, a command's exit code) and
 * the LLM rubric judge over any chat model.
 */
package ai.atlas.plugins.judges;
