/** The audit log: an append-only record of every change and who made it. */
package ai.atlas.core.domain.audit;
