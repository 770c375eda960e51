/** Limits on every entry point: roles, request body size, session creation rate. */
package ai.atlas.web.infrastructure.limits;
