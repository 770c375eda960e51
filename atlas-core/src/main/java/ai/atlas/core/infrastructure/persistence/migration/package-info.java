/**
 * The schema of the memory, created and evolved by versioned Flyway migrations
 * ({@code db/migration/V*.sql}) that run the same on H2 and PostgreSQL.
 */
package ai.atlas.core.infrastructure.persistence.migration;
