package ai.atlas.plugins.localmodel;

import ai.atlas.model.ModelException;
import ai.atlas.model.generate.Generator;
import ai.atlas.model.generate.SamplingOptions;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatOptions;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.TokenLogProb;
import ai.atlas.spi.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A chat with the local model: the messages rendered by the checkpoint's chat format, then
 * generation with the request's options over the profile's defaults. Tools are not offered to
 * this model (it was not trained to call them); tool answers in the history are shown as text.
 */
final class LocalChatModel implements ChatModel {

  private final LoadedModel loaded;
  private final SamplingOptions defaults;

  LocalChatModel(LoadedModel loaded, SamplingOptions defaults) {
    this.loaded = loaded;
    this.defaults = defaults;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    List<ChatFormat.Message> messages = new ArrayList<>();
    for (ChatMessage m : request.messages()) {
      String role = m.role().name().toLowerCase(Locale.ROOT);
      messages.add(role.equals("tool") ? new ChatFormat.Message("user", "Tool result: " + m.content())
          : new ChatFormat.Message(role, m.content()));
    }
    SamplingOptions options = options(request.options());
    try {
      Generator.Generation generated = new Generator(loaded.model(), loaded.tokenizer())
          .generate(loaded.format().render(messages), options);
      List<TokenLogProb> logprobs = new ArrayList<>();
      if (request.options().topLogprobs() != null) {
        for (int i = 0; i < generated.tokens().length; i++) {
          logprobs.add(new TokenLogProb(loaded.tokenizer().decode(new int[] {generated.tokens()[i]}), generated.logProbs()[i], List.of()));
        }
      }
      return new ChatResponse(ChatMessage.assistant(generated.text().strip()),
          new TokenUsage(generated.promptTokens(), generated.tokens().length), logprobs, generated.finishReason());
    } catch (ModelException e) {
      throw new PluginException("the local model cannot answer: " + e.getMessage());
    }
  }

  private SamplingOptions options(ChatOptions asked) {
    List<String> stop = new ArrayList<>(asked.stop());
    stop.add(loaded.format().stop());
    return new SamplingOptions(
        asked.temperature() != null ? asked.temperature() : defaults.temperature(),
        asked.topP() != null ? asked.topP() : defaults.topP(),
        defaults.topK(),
        asked.seed() != null ? asked.seed() : defaults.seed(),
        asked.maxTokens() != null ? asked.maxTokens() : defaults.maxTokens(),
        stop);
  }
}
