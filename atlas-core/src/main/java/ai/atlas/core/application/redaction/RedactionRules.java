package ai.atlas.core.application.redaction;

import ai.atlas.core.common.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The built-in rules and the parsing of configured ones. */
public final class RedactionRules {

  public static final RedactionRule EMAIL = new RedactionRule(
      "email", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"));

  /** International or national numbers written with separators: +1 415-555-0132, (415) 555 0132, +44 20 7946 0958. */
  public static final RedactionRule PHONE = new RedactionRule(
      "phone",
      Pattern.compile("(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?|\\d{2,4}[ .-])\\d{3,4}[ .-]?\\d{3,4}(?![\\w])"));

  /** 13 to 19 digits, optionally grouped by spaces or dashes, that pass the Luhn check. */
  public static final RedactionRule CARD = new RedactionRule(
      "card", Pattern.compile("(?<!\\d)\\d(?:[ -]?\\d){12,18}(?!\\d)"), RedactionRules::luhnValid);

  private static final Map<String, RedactionRule> BUILT_IN = Map.of("email", EMAIL, "phone", PHONE, "card", CARD);

  private RedactionRules() {}

  /**
   * Built-in rules by name, from a comma-separated list such as {@code email,phone,card}; empty or
   * "none" for none. Cards run first, whatever the order given, so the phone rule never takes a
   * card number's groups of digits for a phone number.
   */
  public static List<RedactionRule> builtIn(String names) {
    List<RedactionRule> rules = new ArrayList<>();
    if (names == null || names.isBlank() || names.trim().equalsIgnoreCase("none")) {
      return rules;
    }
    for (String name : names.split(",")) {
      RedactionRule rule = BUILT_IN.get(name.trim().toLowerCase(java.util.Locale.ROOT));
      if (rule == null) {
        throw new InvalidInputException("unknown built-in redaction rule '" + name.trim() + "'; known: " + BUILT_IN.keySet().stream().sorted().toList());
      }
      if (!rules.contains(rule)) {
        rules.add(rule);
      }
    }
    rules.sort(Comparator.comparingInt(r -> r == CARD ? 0 : 1));
    return rules;
  }

  /**
   * Custom rules from a JSON array such as {@code [{"name":"ticket","pattern":"TCK-[0-9]+"}]}; a
   * malformed list or pattern is refused with a message that names it.
   */
  public static List<RedactionRule> custom(String json) {
    List<RedactionRule> rules = new ArrayList<>();
    if (json == null || json.isBlank()) {
      return rules;
    }
    JsonArray array;
    try (var reader = Json.createReader(new StringReader(json))) {
      array = reader.readArray();
    } catch (JsonException | IllegalStateException e) {
      throw new InvalidInputException("custom redaction rules must be a JSON array of {\"name\", \"pattern\"} objects: " + e.getMessage());
    }
    for (JsonValue value : array) {
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidInputException("each custom redaction rule must be an object with 'name' and 'pattern'");
      }
      JsonObject rule = value.asJsonObject();
      String name = rule.getString("name", null);
      String pattern = rule.getString("pattern", null);
      if (name == null || pattern == null) {
        throw new InvalidInputException("each custom redaction rule needs a 'name' and a 'pattern'");
      }
      try {
        rules.add(new RedactionRule(name, Pattern.compile(pattern)));
      } catch (PatternSyntaxException e) {
        throw new InvalidInputException("custom redaction rule '" + name + "' has a bad pattern: " + e.getDescription());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(e.getMessage());
      }
    }
    return rules;
  }

  /**
   * A rule that replaces each of these literal values (live secrets such as provider API keys),
   * longest first so that a secret containing another is replaced whole.
   */
  public static List<RedactionRule> literals(String name, Collection<String> values) {
    List<String> sorted = values.stream().filter(v -> v != null && !v.isEmpty()).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    if (sorted.isEmpty()) {
      return List.of();
    }
    String alternatives = String.join("|", sorted.stream().map(Pattern::quote).toList());
    return List.of(new RedactionRule(name, Pattern.compile(alternatives)));
  }

  static boolean luhnValid(String match) {
    int sum = 0;
    boolean doubleIt = false;
    for (int i = match.length() - 1; i >= 0; i--) {
      char c = match.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }
}
