/** The server's installed plugins: the plugins folder, its allow-list and call limits, as the core's plugin port. */
package ai.atlas.server.plugins;
