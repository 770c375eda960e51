package ai.atlas.plugins.judges;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON Schema keywords that describe the shape of an answer: {@code type} (one or a list),
 * {@code enum}, {@code const}, {@code properties}, {@code required}, {@code additionalProperties}
 * (false or a schema), {@code items}, {@code minItems}/{@code maxItems}, {@code minLength}/
 * {@code maxLength}, {@code pattern}, {@code minimum}/{@code maximum} (and exclusive), and
 * {@code allOf}/{@code anyOf}/{@code oneOf}/{@code not}. Other keywords are ignored, as the
 * specification allows for unknown ones.
 */
final class JsonSchemaValidator {

  private JsonSchemaValidator() {}

  /** The violations, each with the JSON Pointer of the offending value; empty when valid. */
  static List<String> validate(JsonObject schema, JsonValue value) {
    List<String> errors = new ArrayList<>();
    check(schema, value, "", errors);
    return errors;
  }

  private static void check(JsonValue schemaValue, JsonValue value, String at, List<String> errors) {
    if (schemaValue == JsonValue.TRUE) {
      return;
    }
    if (schemaValue == JsonValue.FALSE) {
      errors.add(where(at) + "no value is allowed here");
      return;
    }
    if (!(schemaValue instanceof JsonObject schema)) {
      return;
    }
    if (schema.containsKey("type") && !typeMatches(schema.get("type"), value)) {
      errors.add(where(at) + "must be of type " + schema.get("type") + ", not " + typeOf(value));
      return;
    }
    if (schema.get("enum") instanceof JsonArray options && !options.contains(value)) {
      errors.add(where(at) + "must be one of " + options);
    }
    if (schema.containsKey("const") && !schema.get("const").equals(value)) {
      errors.add(where(at) + "must be " + schema.get("const"));
    }
    if (value instanceof JsonObject object) {
      checkObject(schema, object, at, errors);
    } else if (value instanceof JsonArray array) {
      checkArray(schema, array, at, errors);
    } else if (value instanceof JsonString string) {
      checkString(schema, string.getString(), at, errors);
    } else if (value instanceof JsonNumber number) {
      checkNumber(schema, number.doubleValue(), at, errors);
    }
    if (schema.get("allOf") instanceof JsonArray all) {
      all.forEach(s -> check(s, value, at, errors));
    }
    if (schema.get("anyOf") instanceof JsonArray any && any.stream().noneMatch(s -> valid(s, value))) {
      errors.add(where(at) + "matches none of the anyOf schemas");
    }
    if (schema.get("oneOf") instanceof JsonArray one && one.stream().filter(s -> valid(s, value)).count() != 1) {
      errors.add(where(at) + "must match exactly one of the oneOf schemas");
    }
    if (schema.containsKey("not") && valid(schema.get("not"), value)) {
      errors.add(where(at) + "must not match the 'not' schema");
    }
  }

  private static void checkObject(JsonObject schema, JsonObject object, String at, List<String> errors) {
    if (schema.get("required") instanceof JsonArray required) {
      for (JsonValue name : required) {
        if (name instanceof JsonString s && !object.containsKey(s.getString())) {
          errors.add(where(at) + "lacks the required property '" + s.getString() + "'");
        }
      }
    }
    JsonObject properties = schema.get("properties") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
    for (Map.Entry<String, JsonValue> field : object.entrySet()) {
      String path = at + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
      if (properties.containsKey(field.getKey())) {
        check(properties.get(field.getKey()), field.getValue(), path, errors);
      } else if (schema.containsKey("additionalProperties")) {
        JsonValue additional = schema.get("additionalProperties");
        if (additional == JsonValue.FALSE) {
          errors.add(where(path) + "is not an allowed property");
        } else {
          check(additional, field.getValue(), path, errors);
        }
      }
    }
  }

  private static void checkArray(JsonObject schema, JsonArray array, String at, List<String> errors) {
    if (schema.get("minItems") instanceof JsonNumber min && array.size() < min.intValue()) {
      errors.add(where(at) + "must have at least " + min + " items");
    }
    if (schema.get("maxItems") instanceof JsonNumber max && array.size() > max.intValue()) {
      errors.add(where(at) + "must have at most " + max + " items");
    }
    if (schema.containsKey("items")) {
      for (int i = 0; i < array.size(); i++) {
        check(schema.get("items"), array.get(i), at + "/" + i, errors);
      }
    }
  }

  private static void checkString(JsonObject schema, String text, String at, List<String> errors) {
    int length = text.codePointCount(0, text.length());
    if (schema.get("minLength") instanceof JsonNumber min && length < min.intValue()) {
      errors.add(where(at) + "must be at least " + min + " characters long");
    }
    if (schema.get("maxLength") instanceof JsonNumber max && length > max.intValue()) {
      errors.add(where(at) + "must be at most " + max + " characters long");
    }
    if (schema.get("pattern") instanceof JsonString pattern && !Pattern.compile(pattern.getString()).matcher(text).find()) {
      errors.add(where(at) + "must match " + pattern.getString());
    }
  }

  private static void checkNumber(JsonObject schema, double n, String at, List<String> errors) {
    if (schema.get("minimum") instanceof JsonNumber min && n < min.doubleValue()) {
      errors.add(where(at) + "must be at least " + min);
    }
    if (schema.get("maximum") instanceof JsonNumber max && n > max.doubleValue()) {
      errors.add(where(at) + "must be at most " + max);
    }
    if (schema.get("exclusiveMinimum") instanceof JsonNumber min && n <= min.doubleValue()) {
      errors.add(where(at) + "must be more than " + min);
    }
    if (schema.get("exclusiveMaximum") instanceof JsonNumber max && n >= max.doubleValue()) {
      errors.add(where(at) + "must be less than " + max);
    }
  }

  private static boolean valid(JsonValue schema, JsonValue value) {
    List<String> errors = new ArrayList<>();
    check(schema, value, "", errors);
    return errors.isEmpty();
  }

  private static boolean typeMatches(JsonValue type, JsonValue value) {
    if (type instanceof JsonArray types) {
      return types.stream().anyMatch(t -> typeMatches(t, value));
    }
    String name = type instanceof JsonString s ? s.getString() : "";
    String actual = typeOf(value);
    return name.equals(actual)
        || (name.equals("number") && actual.equals("integer"))
        || (name.equals("integer") && actual.equals("number") && isWhole(value));
  }

  private static boolean isWhole(JsonValue value) {
    return value instanceof JsonNumber n && n.isIntegral() || value instanceof JsonNumber m && m.doubleValue() == Math.rint(m.doubleValue());
  }

  private static String typeOf(JsonValue value) {
    return switch (value.getValueType()) {
      case OBJECT -> "object";
      case ARRAY -> "array";
      case STRING -> "string";
      case NUMBER -> ((JsonNumber) value).isIntegral() ? "integer" : "number";
      case TRUE, FALSE -> "boolean";
      case NULL -> "null";
    };
  }

  private static String where(String at) {
    return (at.isEmpty() ? "the answer" : at) + " ";
  }
}
