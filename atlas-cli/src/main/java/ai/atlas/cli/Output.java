package ai.atlas.cli;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.Map;

/** Small helpers to print JSON for people (fields) and machines (pretty JSON). */
final class Output {

  private Output() {}

  static String pretty(JsonValue value) {
    StringWriter out = new StringWriter();
    try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
      writer.write(value);
    }
    return out.toString().strip();
  }

  /** A field as text: strings as they are, numbers and the rest as JSON, missing or null as "-". */
  static String text(JsonObject object, String field) {
    JsonValue value = object.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return "-";
    }
    if (value instanceof JsonString s) {
      return s.getString();
    }
    if (value instanceof JsonNumber n) {
      return n.isIntegral() ? Long.toString(n.longValue()) : String.format(java.util.Locale.ROOT, "%.4f", n.doubleValue());
    }
    return value.toString();
  }

  static String cut(String text, int max) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }
}
