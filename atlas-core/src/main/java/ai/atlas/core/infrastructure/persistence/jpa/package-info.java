/**
 * JPA implementations of the domain repositories. They run inside the server with the container's
 * transaction-scoped entity manager, and in tests with a resource-local one.
 */
package ai.atlas.core.infrastructure.persistence.jpa;
