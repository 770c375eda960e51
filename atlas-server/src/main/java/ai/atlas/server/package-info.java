/**
 * The adapters of the core's ports to this server: configuration, plugins and metrics. They live
 * in a library of the EAR, not in the WAR, so that core beans and batch artifacts can see them;
 * the web module and the batch module both depend on this one, and it on the core only.
 */
package ai.atlas.server;
