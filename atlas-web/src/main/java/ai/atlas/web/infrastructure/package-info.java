/** Server-side wiring: the database at start-up, health checks and container resources. */
package ai.atlas.web.infrastructure;
