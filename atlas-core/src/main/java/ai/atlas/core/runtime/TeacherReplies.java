package ai.atlas.core.runtime;

import ai.atlas.core.application.playbook.PlaybookService;
import ai.atlas.core.domain.playbook.PlaybookEntry;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reading what the teacher and the probe answer. Models wrap JSON in prose or code fences, or
 * answer in words: the outermost braces are read as JSON when there are any, else the words are
 * read leniently. Nothing a model says can throw out of here.
 */
public final class TeacherReplies {

  private TeacherReplies() {}

  /** A verdict on an answer: valid or not, and guidance for the next attempt. */
  public record Verdict(boolean valid, String guidance) {}

  /** A review of a plan: the plan to follow (the student's or the teacher's revision) and feedback. */
  record PlanReview(boolean approved, List<String> plan, String feedback) {}

  public static Verdict verdict(String text) {
    Optional<JsonObject> json = json(text);
    if (json.isPresent()) {
      boolean valid = json.get().get("valid") == JsonValue.TRUE;
      return new Verdict(valid, string(json.get(), "guidance").orElse(valid ? "" : text.strip()));
    }
    String lower = text.strip().toLowerCase(Locale.ROOT);
    boolean valid = lower.startsWith("valid") || lower.startsWith("yes") || lower.startsWith("correct");
    return new Verdict(valid, valid ? "" : text.strip());
  }

  static PlanReview planReview(String text, List<String> studentPlan) {
    Optional<JsonObject> json = json(text);
    if (json.isEmpty()) {
      return new PlanReview(true, studentPlan, text.strip());
    }
    List<String> plan = studentPlan;
    if (json.get().get("plan") instanceof JsonArray revised && !revised.isEmpty()) {
      plan = revised.stream().map(v -> v instanceof JsonString s ? s.getString() : v.toString()).toList();
    }
    return new PlanReview(json.get().get("approved") != JsonValue.FALSE, plan, string(json.get(), "feedback").orElse(""));
  }

  /** The probe's confidence in [0, 1], if it gave one. */
  static Optional<Double> confidence(String text) {
    return json(text).map(j -> j.get("confidence")).filter(v -> v instanceof JsonNumber)
        .map(v -> ((JsonNumber) v).doubleValue()).filter(c -> c >= 0 && c <= 1);
  }

  /** The playbook entries a learning synthesis proposes; malformed entries are dropped. */
  static List<PlaybookService.Candidate> candidates(String text) {
    Optional<JsonObject> json = json(text);
    if (json.isEmpty() || !(json.get().get("entries") instanceof JsonArray entries)) {
      return List.of();
    }
    return entries.stream().filter(v -> v instanceof JsonObject).map(v -> (JsonObject) v)
        .map(e -> new PlaybookService.Candidate(string(e, "cue").orElse(null),
            string(e, "action").orElse(null), string(e, "expected_effect").orElse(null), string(e, "scope").orElse(null),
            string(e, "cue_type").flatMap(PlaybookEntry.CueKind::fromWire).orElse(null),
            string(e, "audience").flatMap(PlaybookEntry.Audience::fromWire).orElse(null)))
        .toList();
  }

  /** The student's plan: one step per line, list markers and numbering removed. */
  static List<String> steps(String plan) {
    return plan.lines().map(l -> l.strip().replaceFirst("^(?:[-*•]|\\d+[.)])\\s*", "").strip())
        .filter(l -> !l.isEmpty()).limit(12).toList();
  }

  private static Optional<JsonObject> json(String text) {
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end <= start) {
      return Optional.empty();
    }
    try (var reader = Json.createReader(new StringReader(text.substring(start, end + 1)))) {
      return Optional.of(reader.readObject());
    } catch (JsonException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> string(JsonObject json, String key) {
    return json.get(key) instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
  }
}
