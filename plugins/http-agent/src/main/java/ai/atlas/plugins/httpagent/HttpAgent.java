package ai.atlas.plugins.httpagent;

import ai.atlas.plugins.support.RetryingHttp;
import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.AgentStep;
import ai.atlas.spi.AgentTask;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.TokenUsage;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sends each task to the agent's endpoint and reads the answer where the pointers say. */
final class HttpAgent implements AgentAdapter {

  private final RetryingHttp http;
  private final String method;
  private final Map<String, String> headers;
  private final PayloadTemplate template;
  private final String answerPointer;
  private final String stepsPointer;

  HttpAgent(RetryingHttp http, String method, Map<String, String> headers, PayloadTemplate template,
      String answerPointer, String stepsPointer) {
    this.http = http;
    this.method = method;
    this.headers = Map.copyOf(headers);
    this.template = template;
    this.answerPointer = answerPointer;
    this.stepsPointer = stepsPointer;
  }

  @Override
  public AgentAnswer run(AgentTask task) {
    HttpRequest.Builder request = http.request()
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(template.fill(task)));
    headers.forEach(request::header);
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(), r -> shorten(r.body()));
    JsonStructure body;
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      body = reader.read();
    } catch (JsonException e) {
      throw new PluginException("the agent's answer is not JSON: " + shorten(response.body()));
    }
    return new AgentAnswer(text(find(body, answerPointer, true)), steps(body), List.of(), TokenUsage.ZERO, Map.of());
  }

  private List<AgentStep> steps(JsonStructure body) {
    if (stepsPointer == null) {
      return List.of();
    }
    JsonValue steps = find(body, stepsPointer, false);
    if (steps == null || steps.getValueType() != JsonValue.ValueType.ARRAY) {
      return List.of();
    }
    List<AgentStep> found = new ArrayList<>();
    for (JsonValue step : steps.asJsonArray()) {
      if (step instanceof JsonObject object) {
        found.add(new AgentStep(text(object.get("description")), text(object.get("output")), List.of()));
      } else {
        found.add(new AgentStep("", text(step), List.of()));
      }
    }
    return found;
  }

  private static JsonValue find(JsonStructure body, String pointer, boolean required) {
    try {
      return Json.createPointer(pointer).getValue(body);
    } catch (JsonException e) {
      if (required) {
        throw new PluginException("the agent's answer has nothing at " + pointer + ": " + shorten(body.toString()));
      }
      return null;
    }
  }

  private static String text(JsonValue value) {
    if (value == null || value == JsonValue.NULL) {
      return "";
    }
    return value instanceof JsonString s ? s.getString() : value.toString();
  }

  private static String shorten(String body) {
    String trimmed = body == null ? "" : body.strip();
    return trimmed.length() > 300 ? trimmed.substring(0, 300) + "…" : trimmed;
  }
}
