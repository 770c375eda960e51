package ai.atlas.core.profile;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * atlas-sdk's hosted model providers. They all serve the OpenAI Chat Completions protocol, so a
 * profile's {@code llm} block that names one runs on the {@code openai} plugin with the provider's
 * endpoint, key variable and key header. Azure OpenAI and Bedrock have no single endpoint: their
 * {@code api_base} must be written out. A LiteLLM-style model name ({@code gemini/gemini-2.5-flash})
 * loses its provider prefix.
 */
public final class HostedProviders {

  /** How one provider is reached; a null base URL must come from the profile. */
  public record Hosted(String baseUrl, String keyEnv, String keyHeader, Set<String> modelPrefixes) {

    /** The model name without a LiteLLM provider prefix of this provider. */
    public String model(String name) {
      int slash = name.indexOf('/');
      return slash > 0 && modelPrefixes.contains(name.substring(0, slash)) ? name.substring(slash + 1) : name;
    }
  }

  private static final String GEMINI = "https://generativelanguage.googleapis.com/v1beta/openai";

  private static final Map<String, Hosted> HOSTED = Map.of(
      "anthropic", new Hosted("https://api.anthropic.com/v1", "ANTHROPIC_API_KEY", "Authorization", Set.of("anthropic")),
      "gemini", new Hosted(GEMINI, "GEMINI_API_KEY", "Authorization", Set.of("gemini", "google")),
      "google", new Hosted(GEMINI, "GEMINI_API_KEY", "Authorization", Set.of("gemini", "google")),
      "xai", new Hosted("https://api.x.ai/v1", "XAI_API_KEY", "Authorization", Set.of("xai")),
      "azure-openai", new Hosted(null, "AZURE_OPENAI_API_KEY", "api-key", Set.of("azure", "azure-openai")),
      "bedrock", new Hosted(null, "AWS_BEARER_TOKEN_BEDROCK", "Authorization", Set.of("bedrock")));

  private HostedProviders() {}

  public static Optional<Hosted> of(String provider) {
    return Optional.ofNullable(HOSTED.get(provider));
  }

  /** Whether a provider's {@code api_base} must be written out. */
  public static boolean needsBaseUrl(String provider) {
    return of(provider).map(h -> h.baseUrl() == null).orElse(false);
  }
}
