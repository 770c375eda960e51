package ai.atlas.core.reward;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * One item of a preference dataset: a prompt, one or more chosen responses, one or more rejected
 * ones, and a category. A JSONL line reads {@code {"prompt", "chosen", "rejected", "category"}}
 * where {@code chosen} and {@code rejected} are a text or a list of texts; RewardBench 2's
 * {@code subset} is read as the category (its best-of-4 layout is one chosen and three rejected).
 */
public record PreferenceItem(long line, String prompt, List<String> chosen, List<String> rejected, String category) {

  public static final String UNCATEGORISED = "all";

  public static PreferenceItem parse(String text, long line) {
    JsonObject json;
    try {
      json = Json.parseObject(text, "line " + line);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("line " + line + " is not a JSON object: " + e.getMessage());
    }
    String prompt = json.get("prompt") instanceof JsonString s ? s.getString() : null;
    if (prompt == null || prompt.isBlank()) {
      throw new InvalidInputException("line " + line + ": 'prompt' is required");
    }
    List<String> chosen = texts(json, "chosen", line);
    List<String> rejected = texts(json, "rejected", line);
    String category = json.get("category") instanceof JsonString c ? c.getString()
        : json.get("subset") instanceof JsonString s ? s.getString() : UNCATEGORISED;
    return new PreferenceItem(line, prompt, chosen, rejected, category.isBlank() ? UNCATEGORISED : category);
  }

  private static List<String> texts(JsonObject json, String field, long line) {
    JsonValue value = json.get(field);
    List<String> out = new ArrayList<>();
    if (value instanceof JsonString s) {
      out.add(s.getString());
    } else if (value instanceof JsonArray array) {
      for (JsonValue v : array) {
        if (!(v instanceof JsonString s)) {
          throw new InvalidInputException("line " + line + ": '" + field + "' must hold texts only");
        }
        out.add(s.getString());
      }
    }
    if (out.isEmpty()) {
      throw new InvalidInputException("line " + line + ": '" + field + "' needs at least one response");
    }
    return out;
  }

  /**
   * Right when every chosen response outscores every rejected one; an unscored response (no
   * judge could score it) makes the item wrong and unscored.
   */
  public record Outcome(long line, String category, boolean correct, boolean scored, List<Double> chosenScores,
      List<Double> rejectedScores) {

    public static Outcome of(PreferenceItem item, List<Double> chosenScores, List<Double> rejectedScores) {
      boolean scored = chosenScores.stream().allMatch(s -> s != null) && rejectedScores.stream().allMatch(s -> s != null);
      boolean correct = scored && chosenScores.stream().mapToDouble(Double::doubleValue).min().orElseThrow()
          > rejectedScores.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      return new Outcome(item.line(), item.category(), correct, scored, chosenScores, rejectedScores);
    }
  }
}
