/**
 * Agent adapter for a local program that speaks JSON lines over stdin and stdout.
 */
package ai.atlas.plugins.processagent;
