/**
 * The ATLAS domain, independent of the web and batch front ends: the runtime orchestrator, the
 * reward system, the learning registry, the persistent memory of sessions (JPA entities,
 * repositories, migrations), export and plugin loading.
 */
package ai.atlas.core;
