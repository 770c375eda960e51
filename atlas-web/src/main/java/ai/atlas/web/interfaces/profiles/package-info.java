/** The agent profiles REST resource. */
package ai.atlas.web.interfaces.profiles;
