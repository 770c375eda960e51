/** What this server is: its version and the versions it speaks. */
package ai.atlas.web.interfaces.system;
