package ai.atlas.core.reward;

import ai.atlas.spi.Principle;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a judge's answer: a JSON object with {@code score}, {@code uncertainty}, {@code rationale}
 * and {@code principles} ({@code [{name, weight, description}]}), wherever it is in the text
 * (inside code fences, after prose). An answer without such an object, or whose score is not a
 * number in [0, 1], does not parse: the caller drops and counts it rather than scoring it 0.
 */
public final class SampleParser {

  private SampleParser() {}

  /** The sample, or why the answer does not parse. */
  public static Sample parse(String answer, double temperature) {
    Optional<JsonObject> json = firstObject(answer == null ? "" : answer);
    if (json.isEmpty()) {
      return Sample.dropped(temperature, "no JSON object in the answer");
    }
    JsonObject object = json.get();
    Optional<Double> score = number(object, "score");
    if (score.isEmpty() || score.get() < 0 || score.get() > 1) {
      return Sample.dropped(temperature, "no score in [0, 1]");
    }
    // A judge that does not say how sure it is counts as unsure, so it can be escalated.
    double uncertainty = number(object, "uncertainty").map(u -> Math.max(0, Math.min(1, u))).orElse(1.0);
    String rationale = object.get("rationale") instanceof JsonString s ? s.getString() : "";
    return new Sample(temperature, true, score.get(), uncertainty, rationale, principles(object), null);
  }

  /** The first balanced {@code {...}} of the text that parses as a JSON object. */
  static Optional<JsonObject> firstObject(String text) {
    for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
      int end = matchingBrace(text, start);
      if (end < 0) {
        return Optional.empty();
      }
      try (JsonReader reader = Json.createReader(new StringReader(text.substring(start, end + 1)))) {
        return Optional.of(reader.readObject());
      } catch (JsonException | IllegalStateException e) {
        // not JSON after all (prose with braces): try the next opening brace
      }
    }
    return Optional.empty();
  }

  private static int matchingBrace(String text, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static Optional<Double> number(JsonObject object, String field) {
    JsonValue value = object.get(field);
    if (value instanceof JsonNumber n) {
      return Optional.of(n.doubleValue());
    }
    if (value instanceof JsonString s) {
      try {
        return Optional.of(Double.parseDouble(s.getString().strip()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static List<Principle> principles(JsonObject object) {
    List<Principle> principles = new ArrayList<>();
    if (object.get("principles") instanceof jakarta.json.JsonArray array) {
      for (JsonValue value : array) {
        if (value instanceof JsonObject p && p.get("name") instanceof JsonString name) {
          double weight = number(p, "weight").map(w -> Math.max(0, Math.min(1, w))).orElse(0.0);
          String description = p.get("description") instanceof JsonString d ? d.getString() : "";
          principles.add(new Principle(name.getString(), weight, description));
        }
      }
    }
    return principles;
  }
}
