/**
 * The demo task family (arithmetic word problems with verifiable answers) and the recipe that
 * trains the server's default local model on it from scratch.
 */
package ai.atlas.model.demo;
