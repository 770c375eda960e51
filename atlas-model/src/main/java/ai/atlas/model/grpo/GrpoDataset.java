package ai.atlas.model.grpo;

import ai.atlas.model.ModelException;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.model.train.SftDataset;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.List;

/**
 * One line of a GRPO prompt dataset: {@code {"prompt": "..."}} or {@code {"messages": [...]}}
 * (a final assistant message is not part of the prompt), with the reference answer in
 * {@code answer}, else in {@code completion} or that final assistant message: so the sft
 * datasets and the trl and openai exports of approved sessions serve as they are, their approved
 * answer being the reference.
 */
public final class GrpoDataset {

  private GrpoDataset() {}

  public static GrpoPrompt parse(String line, long number) {
    JsonObject json;
    try {
      json = Json.createReader(new StringReader(line)).readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new ModelException("line " + number + " is not a JSON object");
    }
    String answer = json.get("answer") instanceof JsonString a ? a.getString()
        : json.get("completion") instanceof JsonString c ? c.getString() : null;
    if (json.get("prompt") instanceof JsonString prompt) {
      if (prompt.getString().isBlank()) {
        throw new ModelException("line " + number + ": the prompt is empty");
      }
      return GrpoPrompt.of(prompt.getString(), answer);
    }
    if (json.get("messages") instanceof JsonArray messages && !messages.isEmpty()) {
      List<ChatFormat.Message> prompt = SftDataset.messages(messages, number);
      if (prompt.get(prompt.size() - 1).role().equals("assistant")) {
        ChatFormat.Message last = prompt.remove(prompt.size() - 1);
        answer = answer == null ? last.content() : answer;
      }
      if (prompt.isEmpty()) {
        throw new ModelException("line " + number + ": no message comes before the assistant's");
      }
      return new GrpoPrompt(prompt, answer);
    }
    throw new ModelException("line " + number + " has neither a prompt nor messages");
  }
}
