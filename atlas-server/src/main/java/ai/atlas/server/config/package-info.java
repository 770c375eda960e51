/**
 * Policies and limits the core applies, read from MicroProfile Config: redaction of exports, the
 * import policy (text limits, secret scrubbing), the runtime's limits, the price table, this
 * server's id, and the folders user-named files must stay inside.
 */
package ai.atlas.server.config;
