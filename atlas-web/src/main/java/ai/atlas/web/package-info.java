/**
 * The ATLAS web application: the REST API under {@code /api}, CDI wiring of the core, and the
 * MicroProfile health, metrics and OpenAPI integration.
 */
package ai.atlas.web;
