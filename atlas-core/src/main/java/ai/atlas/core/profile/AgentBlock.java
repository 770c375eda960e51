package ai.atlas.core.profile;

import ai.atlas.core.profile.RuntimeProfile.Component;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A profile's {@code agent} block as the agent adapter plugin component. atlas-sdk's adapter types
 * map onto ATLAS's plugins: {@code http_api} onto {@code http} (its transport, payload template and
 * result path as the plugin's url, headers, time limit, retries, body template and answer
 * pointer), {@code python} onto {@code python} (the callable run by the process-agent plugin), and
 * {@code openai} and {@code litellm} onto {@code openai} (with {@code agent.llm} as its model).
 * Any other type is a plugin's, configured by {@code settings}.
 */
final class AgentBlock {

  private AgentBlock() {}

  @SuppressWarnings("unchecked")
  static Component of(Map<String, Object> agent, Map<String, Object> studentLlm) {
    String type = (String) agent.get("type");
    Map<String, String> settings = new HashMap<>();
    Map<String, Object> llm = agent.get("llm") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    String plugin = switch (type) {
      case "http_api" -> {
        http((Map<String, Object>) agent.get("transport"), agent.get("payload_template"), (List<Object>) agent.get("result_path"), settings);
        yield "http";
      }
      case "python" -> {
        copy(agent, "import_path", settings, "import-path");
        copy(agent, "attribute", settings, "attribute");
        copy(agent, "working_directory", settings, "working-dir");
        copy(agent, "allow_generator", settings, "allow-generator");
        if (llm != null) {
          // atlas-sdk hands the callable its llm block as metadata llm_config
          settings.put("llm-config", json(llm).toString());
        }
        yield "python";
      }
      case "litellm" -> "openai";
      default -> type;
    };
    if (plugin.equals("openai") && llm != null) {
      settings.putAll(LlmBlock.of(llm).settings());
    } else if (llm == null && !studentLlm.isEmpty() && studentLlm.get("provider").equals(type)) {
      // The agent is a model of the student's provider: the student's llm block configures it.
      settings.putAll(LlmBlock.of(studentLlm).settings());
    } else if (llm == null && studentLlm.get("model") != null) {
      // Any other agent: the block names the student's model, which prices its calls.
      settings.put("model", String.valueOf(studentLlm.get("model")));
    }
    if (agent.get("response_format") instanceof Map<?, ?> format && "json_object".equals(format.get("type"))) {
      settings.put("json-response", "true");
    }
    if (agent.get("system_prompt") != null) {
      // atlas-sdk's agent.system_prompt is the adapters' system-prompt setting; settings written out win
      settings.put("system-prompt", (String) agent.get("system_prompt"));
    }
    if (agent.get("settings") instanceof Map<?, ?> own) {
      own.forEach((k, v) -> settings.put(String.valueOf(k), String.valueOf(v)));
    }
    return new Component(plugin, Map.copyOf(settings));
  }

  /**
   * atlas-sdk's HTTP adapter posts its payload template with the prompt (and the metadata) added
   * where the template has none, and reads the answer at the result path (default {@code output}).
   */
  private static void http(Map<String, Object> transport, Object payloadTemplate, List<Object> resultPath, Map<String, String> settings) {
    settings.put("url", String.valueOf(transport.get("base_url")));
    settings.put("method", "POST");
    if (transport.get("headers") instanceof Map<?, ?> headers && !headers.isEmpty()) {
      settings.put("headers", headers.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(" | ")));
    }
    double timeout = transport.get("timeout_seconds") instanceof Number n ? n.doubleValue() : 60;
    settings.put("timeout-seconds", Long.toString(Math.max(1, (long) Math.ceil(timeout))));
    int attempts = transport.get("retry") instanceof Map<?, ?> retry && retry.get("attempts") instanceof Number a ? a.intValue() : 1;
    settings.put("max-retries", Integer.toString(attempts - 1));
    @SuppressWarnings("unchecked")
    Map<String, Object> template = payloadTemplate instanceof Map<?, ?> t ? (Map<String, Object>) t : Map.of();
    String body = json(template).toString();
    StringBuilder added = new StringBuilder();
    if (!template.containsKey("prompt")) {
      added.append("\"prompt\": {{prompt}}");
    }
    if (!template.containsKey("metadata")) {
      added.append(added.isEmpty() ? "" : ", ").append("\"metadata\": {{metadata}}");
    }
    if (!added.isEmpty()) {
      body = body.equals("{}") ? "{" + added + "}" : body.substring(0, body.length() - 1) + ", " + added + "}";
    }
    settings.put("template", body);
    List<Object> path = resultPath == null || resultPath.isEmpty() ? List.of("output") : resultPath;
    settings.put("answer-pointer", path.stream().map(k -> "/" + String.valueOf(k).replace("~", "~0").replace("/", "~1"))
        .collect(Collectors.joining()));
  }

  @SuppressWarnings("unchecked")
  static JsonValue json(Object value) {
    if (value instanceof Map<?, ?> map) {
      JsonObjectBuilder object = Json.createObjectBuilder();
      ((Map<Object, Object>) map).forEach((k, v) -> object.add(String.valueOf(k), json(v)));
      return object.build();
    }
    if (value instanceof List<?> list) {
      JsonArrayBuilder array = Json.createArrayBuilder();
      list.forEach(v -> array.add(json(v)));
      return array.build();
    }
    if (value == null) {
      return JsonValue.NULL;
    }
    if (value instanceof Boolean b) {
      return b ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (value instanceof Integer || value instanceof Long) {
      return Json.createValue(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      return Json.createValue(n.doubleValue());
    }
    return Json.createValue(String.valueOf(value));
  }

  private static void copy(Map<String, Object> from, String key, Map<String, String> to, String as) {
    if (from.get(key) != null) {
      to.put(as, String.valueOf(from.get(key)));
    }
  }
}
