/**
 * Tokenizers: Hugging Face {@code tokenizer.json} byte-level BPE, a byte tokenizer for models
 * trained from scratch, and chat formats.
 */
package ai.atlas.model.tokenizer;
