/** Writing and reading the audit log. */
package ai.atlas.core.application.audit;
