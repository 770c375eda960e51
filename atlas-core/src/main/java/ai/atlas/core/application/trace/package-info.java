/**
 * The {@code atlas} session trace format: one session as one JSON object, with field names
 * compatible with the Python atlas-sdk's session export. ATLAS exports it and imports it.
 */
package ai.atlas.core.application.trace;
