/**
 * The model engine: tensors, a Llama-family decoder with inference and backward passes,
 * tokenizers, safetensors I/O, sampling, optimizers and the CPU and CUDA compute backends. Plain
 * Java on purpose: it is what the SFT and GRPO jobs differentiate.
 */
package ai.atlas.model;
