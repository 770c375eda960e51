/** Rules for loading plugin JARs safely; the plugin loader applies them. */
package ai.atlas.core.application.plugins;
