/** The Llama-family decoder: weights, the forward pass with a KV cache. */
package ai.atlas.model.nn;
