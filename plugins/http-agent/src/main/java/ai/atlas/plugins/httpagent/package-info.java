/**
 * Agent adapter for any HTTP JSON agent: URL, headers, a payload template and the answer's
 * location as a JSON Pointer.
 */
package ai.atlas.plugins.httpagent;
