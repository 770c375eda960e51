package ai.atlas.model.train;

import ai.atlas.model.ModelException;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.model.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.List;

/**
 * One supervised example as tokens with its loss mask: the prompt (a chat rendered by the chat
 * format) carries no loss, the completion and the end-of-turn marker do.
 */
public record SftExample(int[] tokens, boolean[] lossMask) {

  public static SftExample of(Tokenizer tokenizer, ChatFormat format, List<ChatFormat.Message> prompt, String completion,
      int maxTokens) {
    int[] promptIds = tokenizer.encode(format.render(prompt));
    int[] completionIds = tokenizer.encode(completion + format.stop());
    int length = promptIds.length + completionIds.length;
    if (length > maxTokens) {
      throw new ModelException("an example of " + length + " tokens is longer than the limit of " + maxTokens);
    }
    int[] tokens = Arrays.copyOf(promptIds, length);
    System.arraycopy(completionIds, 0, tokens, promptIds.length, completionIds.length);
    boolean[] mask = new boolean[length];
    Arrays.fill(mask, promptIds.length, length, true);
    return new SftExample(tokens, mask);
  }

  /** A text trained on as a whole: every token after the first carries loss. */
  public static SftExample ofText(Tokenizer tokenizer, String text, int maxTokens) {
    int[] tokens = tokenizer.encode(text);
    if (tokens.length > maxTokens) {
      throw new ModelException("an example of " + tokens.length + " tokens is longer than the limit of " + maxTokens);
    }
    if (tokens.length < 2) {
      throw new ModelException("a text to train on needs at least two tokens");
    }
    boolean[] mask = new boolean[tokens.length];
    Arrays.fill(mask, true);
    return new SftExample(tokens, mask);
  }
}
