/** Persistence of the domain: JPA repositories and the schema migrations they rely on. */
package ai.atlas.core.infrastructure.persistence;
