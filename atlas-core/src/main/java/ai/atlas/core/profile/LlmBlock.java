package ai.atlas.core.profile;

import ai.atlas.core.profile.HostedProviders.Hosted;
import ai.atlas.core.profile.RuntimeProfile.Component;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An atlas-sdk {@code llm} block as a chat model plugin component: {@code provider} is the plugin
 * type, except for the {@link HostedProviders}, which run on the {@code openai} plugin.
 */
final class LlmBlock {

  private LlmBlock() {}

  @SuppressWarnings("unchecked")
  static Component of(Map<String, Object> llm) {
    String provider = String.valueOf(llm.get("provider"));
    Optional<Hosted> hosted = HostedProviders.of(provider);
    Map<String, String> settings = new HashMap<>();
    String model = String.valueOf(llm.get("model"));
    settings.put("model", hosted.map(h -> h.model(model)).orElse(model));
    hosted.ifPresent(h -> {
      if (h.baseUrl() != null) {
        settings.put("base-url", h.baseUrl());
      }
      settings.put("api-key-env", h.keyEnv());
      settings.put("api-key-header", h.keyHeader());
    });
    copy(llm, "api_base", settings, "base-url");
    copy(llm, "api_key_env", settings, "api-key-env");
    copy(llm, "temperature", settings, "temperature");
    copy(llm, "top_p", settings, "top-p");
    copy(llm, "max_output_tokens", settings, "max-tokens");
    copy(llm, "timeout_seconds", settings, "timeout-seconds");
    copy(llm, "reasoning_effort", settings, "reasoning-effort");
    if (llm.get("retry") instanceof Map<?, ?> retry) {
      if (retry.get("attempts") instanceof Number attempts) {
        settings.put("max-retries", Integer.toString(attempts.intValue() - 1)); // atlas-sdk counts the first try
      }
      if (retry.get("backoff_seconds") instanceof Number backoff) {
        settings.put("first-backoff-ms", Long.toString(Math.round(backoff.doubleValue() * 1000)));
      }
    }
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    if (llm.get("organization") != null) {
      headers.put("OpenAI-Organization", String.valueOf(llm.get("organization")));
    }
    if (llm.get("additional_headers") instanceof Map<?, ?> extra) {
      extra.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
    }
    if (!headers.isEmpty()) {
      settings.put("headers", headers.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(" | ")));
    }
    if (llm.get("settings") instanceof Map<?, ?> own) {
      ((Map<String, Object>) own).forEach((k, v) -> settings.put(k, String.valueOf(v)));
    }
    return new Component(hosted.isPresent() ? "openai" : provider, Map.copyOf(settings));
  }

  private static void copy(Map<String, Object> from, String key, Map<String, String> to, String as) {
    if (from.get(key) != null) {
      to.put(as, String.valueOf(from.get(key)));
    }
  }
}
