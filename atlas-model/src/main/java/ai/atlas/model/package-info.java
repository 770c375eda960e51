/**
 * The model engine: a decoder-only transformer of the Llama family (Llama, Qwen2) in plain Java,
 * loaded from and saved to Hugging Face checkpoints.
 */
package ai.atlas.model;
