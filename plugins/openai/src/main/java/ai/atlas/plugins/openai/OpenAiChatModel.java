package ai.atlas.plugins.openai;

import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import java.util.function.Consumer;

/** A chat model behind an OpenAI-compatible Chat Completions endpoint. */
final class OpenAiChatModel implements ChatModel {

  private final ChatCompletionsClient client;

  OpenAiChatModel(ChatCompletionsClient client) {
    this.client = client;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    return client.complete(request);
  }

  @Override
  public ChatResponse stream(ChatRequest request, Consumer<String> onText) {
    return client.stream(request, onText);
  }
}
