/** The http-agent plugin: a team's agent behind an HTTP JSON endpoint. */
package ai.atlas.plugins.httpagent;
