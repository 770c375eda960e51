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

  String fill(AgentTask task) {
    JsonArrayBuilder playbook = Json.createArrayBuilder();
    task.playbook().forEach(playbook::add);
    JsonObjectBuilder metadata = Json.createObjectBuilder();
    task.metadata().forEach(metadata::add);
    return template
        .replace("{{task}}", Json.createValue(task.task()).toString())
        .replace("{{guidance}}", task.guidance() == null ? JsonValue.NULL.toString() : Json.createValue(task.guidance()).toString())
        .replace("{{playbook}}", playbook.build().toString())
        .replace("{{metadata}}", metadata.build().toString())
        .replace("{{max_tokens}}", task.maxTokens() == null ? JsonValue.NULL.toString() : task.maxTokens().toString());
  }
}
