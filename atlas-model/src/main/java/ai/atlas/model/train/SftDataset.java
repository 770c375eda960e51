package ai.atlas.model.train;

import ai.atlas.model.ModelException;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.model.tokenizer.Tokenizer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a supervised dataset, in one of three layouts: {@code {"prompt", "completion"}}
 * (TRL's prompt-completion), {@code {"messages": [{"role", "content"}, ...]}} (chat, as the openai
 * export writes it), whose last assistant message is the completion, or {@code {"text"}} (TRL's
 * language-modelling layout: the text as it is, every token in the loss, for continued
 * pretraining).
 */
public final class SftDataset {

  private SftDataset() {}

  public static SftExample parse(String line, long number, Tokenizer tokenizer, ChatFormat format, int maxTokens) {
    JsonObject json;
    try {
      json = Json.createReader(new StringReader(line)).readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new ModelException("line " + number + " is not a JSON object");
    }
    if (json.get("prompt") instanceof JsonString prompt && json.get("completion") instanceof JsonString completion) {
      return SftExample.of(tokenizer, format, List.of(new ChatFormat.Message("user", prompt.getString())), completion.getString(),
          maxTokens);
    }
    if (json.get("text") instanceof JsonString text) {
      return SftExample.ofText(tokenizer, text.getString(), maxTokens);
    }
    if (json.get("messages") instanceof JsonArray messages && !messages.isEmpty()) {
      List<ChatFormat.Message> prompt = messages(messages, number);
      ChatFormat.Message last = prompt.remove(prompt.size() - 1);
      if (!last.role().equals("assistant")) {
        throw new ModelException("line " + number + ": the last message must be the assistant's (the completion)");
      }
      return SftExample.of(tokenizer, format, prompt, last.content(), maxTokens);
    }
    throw new ModelException("line " + number + " has neither prompt and completion, messages nor text");
  }

  /** A line's {@code messages} array as chat messages (each needs a role; a missing content is empty). */
  public static List<ChatFormat.Message> messages(JsonArray messages, long number) {
    List<ChatFormat.Message> out = new ArrayList<>();
    for (JsonValue value : messages) {
      if (!(value instanceof JsonObject m) || !(m.get("role") instanceof JsonString role)) {
        throw new ModelException("line " + number + ": every message needs a role");
      }
      out.add(new ChatFormat.Message(role.getString(), m.getString("content", "")));
    }
    return out;
  }
}
