/** Code the built-in plugins share, bundled into each of their JARs. */
package ai.atlas.plugins.support;
