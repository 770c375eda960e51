/** The OpenAI-compatible Chat Completions plugin: a chat model and a one-call agent adapter. */
package ai.atlas.plugins.openai;
