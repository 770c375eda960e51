/** Verifiable judges: exact match, numeric with tolerance, regular expression, a command's exit code. */
package ai.atlas.plugins.judges;
