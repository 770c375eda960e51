/**
 * What every layer of the core shares: the errors the interfaces map to problem+json, and the
 * JSON helpers. Depends on nothing else in ATLAS.
 */
package ai.atlas.core.common;
