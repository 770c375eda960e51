/**
 * Plugin loading: a class loader per JAR that sees only the plugin API and the JDK, discovery
 * with ServiceLoader, per-plugin failure reports, and guarded calls (context class loader, time
 * limit, exceptions contained).
 */
package ai.atlas.core.plugins;
