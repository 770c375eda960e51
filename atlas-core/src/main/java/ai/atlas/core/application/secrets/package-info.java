/** Secrets (model providers' API keys and the like): read from the environment or secret files, referred to by name, never stored. */
package ai.atlas.core.application.secrets;
