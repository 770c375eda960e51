package ai.atlas.spi;

import java.util.function.Consumer;

/**
 * A language model: the student, the teacher, a probe, a judge's model or a reflection model.
 * Implementations must be safe to call from several threads at once.
 */
public interface ChatModel {

  /** Answers a chat; throws {@link PluginException} with a message for people when it cannot. */
  ChatResponse chat(ChatRequest request);

  /**
   * Answers a chat while handing each piece of text to {@code onText} as it is generated. The
   * default calls {@link #chat} and hands over the whole text at once.
   */
  default ChatResponse stream(ChatRequest request, Consumer<String> onText) {
    ChatResponse response = chat(request);
    if (!response.message().content().isEmpty()) {
      onText.accept(response.message().content());
    }
    return response;
  }
}
