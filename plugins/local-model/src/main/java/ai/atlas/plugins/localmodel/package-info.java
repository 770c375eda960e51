/** {@code chat-model:local} and {@code agent-adapter:local}: a checkpoint folder served by the ATLAS model engine. */
package ai.atlas.plugins.localmodel;
