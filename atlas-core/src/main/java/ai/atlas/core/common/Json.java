package ai.atlas.core.common;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Typed reads of JSON input that fail with an {@link InvalidInputException} naming the field, and
 * parsing of the JSON text columns of the memory.
 */
public final class Json {

  private Json() {}

  /** The deepest nesting of objects and arrays accepted: deeper input is refused before it is parsed. */
  public static final int MAX_DEPTH = 256;

  /** Parses JSON text, reporting where it is malformed. */
  public static JsonValue parse(String text) {
    checkDepth(text);
    try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
      return requireNoNul(reader.readValue());
    } catch (JsonParsingException e) {
      var where = e.getLocation();
      String at = where == null ? "" : " at line " + where.getLineNumber() + ", column " + where.getColumnNumber();
      throw new InvalidInputException("malformed JSON" + at + ": " + e.getMessage(), e);
    } catch (jakarta.json.JsonException e) {
      throw new InvalidInputException("malformed JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses text nested deeper than {@link #MAX_DEPTH}, counting brackets outside strings: the
   * parser's own limit surfaces as an error that is not an input error, and recursion over a deep
   * value elsewhere could overflow the stack.
   */
  static void checkDepth(String text) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        if (++depth > MAX_DEPTH) {
          throw new InvalidInputException("the JSON is nested more than " + MAX_DEPTH + " levels deep (at character " + i + ")");
        }
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
  }

  /**
   * Refuses a value with a NUL character ({@code \u0000}) in any string or name: PostgreSQL's text
   * cannot hold one, so it would fail deep in a write instead of at the door.
   */
  public static JsonValue requireNoNul(JsonValue value) {
    switch (value.getValueType()) {
      case STRING -> refuseNul(((jakarta.json.JsonString) value).getString());
      case ARRAY -> value.asJsonArray().forEach(Json::requireNoNul);
      case OBJECT -> value.asJsonObject().forEach((name, member) -> {
        refuseNul(name);
        requireNoNul(member);
      });
      default -> { }
    }
    return value;
  }

  /** Whether the text holds a NUL character, which no stored text may. */
  public static boolean hasNul(String text) {
    return text != null && text.indexOf('\u0000') >= 0;
  }

  /** Refuses text with a NUL character, for values that do not come as JSON (query parameters). */
  public static String refuseNul(String text) {
    if (hasNul(text)) {
      throw new InvalidInputException("text must not contain NUL characters (\\u0000)");
    }
    return text;
  }

  /** Parses JSON text that must be an object. */
  public static JsonObject parseObject(String text, String what) {
    JsonValue value = parse(text);
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidInputException(what + " must be a JSON object");
    }
    return value.asJsonObject();
  }

  /** A stored JSON text column as a value; absent text is JSON null. */
  public static JsonValue stored(Optional<String> text) {
    return text.map(Json::parse).orElse(JsonValue.NULL);
  }

  public static String requiredString(JsonObject object, String field) {
    return optionalString(object, field)
        .filter(s -> !s.isBlank())
        .orElseThrow(() -> new InvalidInputException("'" + field + "' is required and must be a non-empty string"));
  }

  public static Optional<String> optionalString(JsonObject object, String field) {
    JsonValue value = present(object, field);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof JsonString s) {
      return Optional.of(s.getString());
    }
    throw new InvalidInputException("'" + field + "' must be a string");
  }

  public static Optional<Double> optionalNumber(JsonObject object, String field) {
    JsonValue value = present(object, field);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof JsonNumber n) {
      return Optional.of(n.doubleValue());
    }
    throw new InvalidInputException("'" + field + "' must be a number");
  }

  public static long optionalCount(JsonObject object, String field) {
    JsonValue value = present(object, field);
    if (value == null) {
      return 0;
    }
    if (value instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0) {
      return n.longValue();
    }
    throw new InvalidInputException("'" + field + "' must be a whole number, zero or more");
  }

  public static Optional<JsonObject> optionalObject(JsonObject object, String field) {
    JsonValue value = present(object, field);
    if (value == null) {
      return Optional.empty();
    }
    if (value.getValueType() == JsonValue.ValueType.OBJECT) {
      return Optional.of(value.asJsonObject());
    }
    throw new InvalidInputException("'" + field + "' must be a JSON object");
  }

  public static Optional<JsonArray> optionalArray(JsonObject object, String field) {
    JsonValue value = present(object, field);
    if (value == null) {
      return Optional.empty();
    }
    if (value.getValueType() == JsonValue.ValueType.ARRAY) {
      return Optional.of(value.asJsonArray());
    }
    throw new InvalidInputException("'" + field + "' must be a JSON array");
  }

  public static Optional<Instant> optionalInstant(JsonObject object, String field) {
    return optionalString(object, field).map(text -> {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(
            "'" + field + "' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, not '" + text + "'");
      }
    });
  }

  /** The field's value, or null when it is missing or JSON null. */
  private static JsonValue present(JsonObject object, String field) {
    JsonValue value = object.get(field);
    return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
  }
}
