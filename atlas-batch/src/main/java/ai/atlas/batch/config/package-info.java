/**
 * Policies the core applies, read from MicroProfile Config: redaction of exports, the import
 * policy (text limits, secret scrubbing). They live in this library of the EAR, not in the WAR,
 * so that core beans can see them.
 */
package ai.atlas.batch.config;
