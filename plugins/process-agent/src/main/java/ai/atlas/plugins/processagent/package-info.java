/** The process-agent plugin: a local program speaking JSON lines over stdin/stdout. */
package ai.atlas.plugins.processagent;
