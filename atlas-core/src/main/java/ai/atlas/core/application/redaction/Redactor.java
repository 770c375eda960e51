package ai.atlas.core.application.redaction;

import ai.atlas.core.domain.text.DeadlineCharSequence;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Replaces sensitive text with placeholders. Every string in a JSON document is redacted (not the
 * serialized line, so escapes never split a match), and each rule's matching runs under a time
 * limit: a pathological pattern fails the redaction, it never hangs an export or lets text through.
 */
public final class Redactor {

  private final List<RedactionRule> rules;
  private final Duration timeLimit;

  public Redactor(List<RedactionRule> rules, Duration timeLimit) {
    this.rules = List.copyOf(rules);
    this.timeLimit = timeLimit;
  }

  public List<String> ruleNames() {
    return rules.stream().map(RedactionRule::name).toList();
  }

  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    long deadline = System.nanoTime() + timeLimit.toNanos();
    String result = text;
    for (RedactionRule rule : rules) {
      result = apply(rule, result, deadline);
    }
    return result;
  }

  /** The same document with every string value redacted; keys, numbers and structure stay. */
  public JsonObject redact(JsonObject document) {
    return (JsonObject) redactValue(document);
  }

  private JsonValue redactValue(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> {
        String original = ((JsonString) value).getString();
        String redacted = redact(original);
        yield redacted.equals(original) ? value : Json.createValue(redacted);
      }
      case OBJECT -> {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        for (Map.Entry<String, JsonValue> field : ((JsonObject) value).entrySet()) {
          builder.add(field.getKey(), redactValue(field.getValue()));
        }
        yield builder.build();
      }
      case ARRAY -> {
        JsonArrayBuilder builder = Json.createArrayBuilder();
        for (JsonValue item : (JsonArray) value) {
          builder.add(redactValue(item));
        }
        yield builder.build();
      }
      default -> value;
    };
  }

  private static String apply(RedactionRule rule, String text, long deadline) {
    try {
      Matcher m = rule.pattern().matcher(new DeadlineCharSequence(text, deadline,
          () -> new RedactionFailedException("redaction rule '" + rule.name() + "' ran past its time limit")));
      StringBuilder out = null;
      int last = 0;
      while (m.find()) {
        String match = m.group();
        if (!rule.accept().test(match)) {
          continue;
        }
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, last, m.start()).append(rule.placeholder());
        last = m.end();
      }
      if (out == null) {
        return text;
      }
      return out.append(text, last, text.length()).toString();
    } catch (RedactionFailedException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new RedactionFailedException("redaction rule '" + rule.name() + "' failed: " + e, e);
    }
  }
}
