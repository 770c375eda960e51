/** Stored sessions over REST: list, read, import and review. */
package ai.atlas.web.interfaces.sessions;
