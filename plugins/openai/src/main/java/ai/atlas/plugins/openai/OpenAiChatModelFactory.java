package ai.atlas.plugins.openai;

import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatModelFactory;
import ai.atlas.spi.PluginSettings;

/**
 * {@code chat-model:openai}. Settings: {@code model} (required), {@code base-url} (default
 * https://api.openai.com/v1), {@code api-key-env} (the name of the secret holding the key;
 * default OPENAI_API_KEY), {@code temperature}, {@code top-p}, {@code max-tokens}, {@code stop}
 * (sequences separated by |), {@code seed}, {@code timeout-seconds} (default 120),
 * {@code max-retries} (default 3), {@code first-backoff-ms} (default 500), {@code headers} (more
 * "Name: value" pairs, separated by |; a value {@code secret:NAME} is that secret),
 * {@code api-key-header} (default {@code Authorization}, which carries {@code Bearer KEY}; another
 * name carries the bare key, as Azure's {@code api-key} does), {@code reasoning-effort} (low,
 * medium or high, sent as {@code reasoning_effort}), {@code json-response} (true: every request
 * asks for a JSON object).
 */
public final class OpenAiChatModelFactory implements ChatModelFactory {

  @Override
  public String type() {
    return "openai";
  }

  @Override
  public ChatModel create(PluginSettings settings) {
    return new OpenAiChatModel(new ChatCompletionsClient(OpenAiSettings.from(settings), d -> Thread.sleep(d.toMillis())));
  }
}
