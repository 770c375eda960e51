/**
 * The OpenAI-compatible gateway under {@code /v1}: an agent that already calls
 * {@code /v1/chat/completions} points its base URL at ATLAS, and each call becomes a supervised,
 * stored session of the profile named as the model. A servlet rather than JAX-RS, so the API's
 * problem documents, filters and OpenAPI document stay the ATLAS API's, and the gateway answers
 * in OpenAI's wire format (errors, server-sent chunks) end to end.
 */
package ai.atlas.web.interfaces.gateway;
