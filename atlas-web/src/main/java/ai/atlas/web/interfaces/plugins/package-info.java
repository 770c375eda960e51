/** The plugins REST resource. */
package ai.atlas.web.interfaces.plugins;
