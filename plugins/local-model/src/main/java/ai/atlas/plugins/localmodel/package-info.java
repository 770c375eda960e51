/**
 * A chat model that serves a local checkpoint folder with the ATLAS model engine.
 */
package ai.atlas.plugins.localmodel;
