package ai.atlas.plugins.openai;

import ai.atlas.plugins.support.HeaderSettings;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of an OpenAI-compatible endpoint. The API key is never a setting's value: the
 * setting {@code api-key-env} names the secret (default {@code OPENAI_API_KEY}) that the server
 * reads from its environment or secret files. A local server without keys (vLLM, Ollama) needs none.
 */
record OpenAiSettings(
    URI baseUrl,
    Optional<String> apiKey,
    String model,
    Double temperature,
    Double topP,
    Integer maxTokens,
    List<String> stop,
    Long seed,
    Duration timeout,
    int maxRetries,
    Duration firstBackoff,
    String apiKeyHeader,
    Map<String, String> headers,
    String reasoningEffort,
    boolean jsonResponse) {

  private static final java.util.Set<String> EFFORTS = java.util.Set.of("low", "medium", "high");

  static OpenAiSettings from(PluginSettings settings) {
    String base = settings.get("base-url").orElse("https://api.openai.com/v1");
    URI baseUrl;
    try {
      baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    } catch (IllegalArgumentException e) {
      throw new PluginException("the setting 'base-url' is not a URL: " + base);
    }
    if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
      throw new PluginException("the setting 'base-url' must be an http or https URL, not " + base);
    }
    String secretName = settings.get("api-key-env").orElse("OPENAI_API_KEY");
    long timeoutSeconds = settings.getLong("timeout-seconds", 120);
    long retries = settings.getLong("max-retries", 3);
    if (timeoutSeconds < 1 || retries < 0) {
      throw new PluginException("'timeout-seconds' must be 1 or more and 'max-retries' 0 or more");
    }
    return new OpenAiSettings(
        baseUrl,
        settings.secret(secretName),
        settings.require("model"),
        settings.get("temperature").map(v -> settings.getDouble("temperature", 0)).orElse(null),
        settings.get("top-p").map(v -> settings.getDouble("top-p", 1)).orElse(null),
        settings.get("max-tokens").map(v -> (int) settings.getLong("max-tokens", 0)).orElse(null),
        settings.get("stop").map(v -> Arrays.stream(v.split("\\|")).filter(s -> !s.isEmpty()).toList()).orElse(List.of()),
        settings.get("seed").map(v -> settings.getLong("seed", 0)).orElse(null),
        Duration.ofSeconds(timeoutSeconds),
        (int) retries,
        Duration.ofMillis(settings.getLong("first-backoff-ms", 500)),
        settings.get("api-key-header").orElse("Authorization"),
        Map.copyOf(HeaderSettings.from(settings)),
        effort(settings),
        Boolean.parseBoolean(settings.get("json-response").orElse("false")));
  }

  /** The key as its header carries it: {@code Authorization: Bearer KEY}, or the bare key in another header (Azure's {@code api-key}). */
  String keyHeaderValue(String key) {
    return apiKeyHeader.equalsIgnoreCase("Authorization") ? "Bearer " + key : key;
  }

  private static String effort(PluginSettings settings) {
    String value = settings.get("reasoning-effort").orElse(null);
    if (value != null && !EFFORTS.contains(value)) {
      throw new PluginException("the setting 'reasoning-effort' must be low, medium or high, not '" + value + "'");
    }
    return value;
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "OpenAiSettings[" + baseUrl + ", model " + model + ", key " + (apiKey.isPresent() ? "set" : "none") + ", headers "
        + headers.keySet() + "]";
  }
}
