package ai.atlas.plugins.httpagent;

import ai.atlas.spi.AgentTask;
import ai.atlas.spi.PluginException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * A request body with placeholders. Each placeholder becomes a JSON value (a quoted, escaped
 * string; an array; an object; or null), so a task with quotes or newlines can never break the
 * body or inject fields. The template is checked at creation: with its placeholders filled it
 * must be valid JSON.
 */
final class PayloadTemplate {

  private final String template;

  PayloadTemplate(String template) {
    this.template = template;
    try (var reader = Json.createReader(new StringReader(fill(AgentTask.of("check"))))) {
      reader.readValue();
    } catch (JsonException e) {
      throw new PluginException("the setting 'template' is not JSON once filled in: " + e.getMessage());
    }
  }

  private static final java.util.regex.Pattern PLACEHOLDER =
      java.util.regex.Pattern.compile("\\{\\{(task|prompt|guidance|playbook|metadata|max_tokens)}}");

  /** The body for a task: each placeholder replaced once, in one pass, so a task that contains "{{...}}" stays as written. */
  String fill(AgentTask task) {
    JsonArrayBuilder playbook = Json.createArrayBuilder();
    task.playbook().forEach(playbook::add);
    JsonObjectBuilder metadata = Json.createObjectBuilder();
    task.metadata().forEach(metadata::add);
    java.util.Map<String, String> values = java.util.Map.of(
        "task", Json.createValue(task.task()).toString(),
        "prompt", Json.createValue(prompt(task)).toString(),
        "guidance", task.guidance() == null ? JsonValue.NULL.toString() : Json.createValue(task.guidance()).toString(),
        "playbook", playbook.build().toString(),
        "metadata", metadata.build().toString(),
        "max_tokens", task.maxTokens() == null ? JsonValue.NULL.toString() : task.maxTokens().toString());
    return PLACEHOLDER.matcher(template).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(values.get(m.group(1))));
  }

  /**
   * The task as one prompt, for agents that take only text (atlas-sdk's HTTP agents): the task,
   * then the learned playbook, then the teacher's guidance.
   */
  static String prompt(AgentTask task) {
    StringBuilder prompt = new StringBuilder(task.task());
    if (!task.playbook().isEmpty()) {
      prompt.append("\n\nWhat worked on similar tasks:");
      task.playbook().forEach(entry -> prompt.append("\n- ").append(entry));
    }
    if (task.guidance() != null && !task.guidance().isBlank()) {
      prompt.append("\n\nGuidance: ").append(task.guidance());
    }
    return prompt.toString();
  }
}
