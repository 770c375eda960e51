/**
 * Chat model and agent adapter over the OpenAI-compatible Chat Completions API (OpenAI, Azure,
 * vLLM, Ollama, llama.cpp's server and other compatible endpoints).
 */
package ai.atlas.plugins.openai;
