/** Hugging Face checkpoints: config.json, safetensors files (single or sharded), dtypes. */
package ai.atlas.model.io;
