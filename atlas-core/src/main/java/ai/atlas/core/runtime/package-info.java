/**
 * The runtime loop: lane choice (forced, probe, reward history, fallback) and the four lanes of
 * student/teacher supervision, reporting every call as an event.
 */
package ai.atlas.core.runtime;
