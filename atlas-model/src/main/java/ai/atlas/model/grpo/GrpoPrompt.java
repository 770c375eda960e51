package ai.atlas.model.grpo;

import ai.atlas.model.ModelException;
import ai.atlas.model.tokenizer.ChatFormat;
import java.util.List;

/**
 * A prompt to train on: the conversation the completions continue, and the reference answer a
 * verifiable reward checks them against (null when the reward needs none).
 */
public record GrpoPrompt(List<ChatFormat.Message> messages, String answer) {

  public GrpoPrompt {
    if (messages == null || messages.isEmpty()) {
      throw new ModelException("a GRPO prompt needs at least one message");
    }
    messages = List.copyOf(messages);
  }

  public static GrpoPrompt of(String user, String answer) {
    return new GrpoPrompt(List.of(new ChatFormat.Message("user", user)), answer);
  }

  /** The last user message: what the task asks. */
  public String question() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role().equals("user")) {
        return messages.get(i).content();
      }
    }
    return messages.get(messages.size() - 1).content();
  }
}
