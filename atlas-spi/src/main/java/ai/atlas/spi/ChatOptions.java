package ai.atlas.spi;

import java.util.List;

/**
 * How to sample an answer. Every field is optional ({@code null} or empty: the model's default);
 * a model ignores what it cannot do. Build options from {@link #DEFAULTS} with the {@code with…}
 * methods rather than the constructor: new options are added as new fields with new
 * {@code with…} methods, so code written that way keeps working.
 *
 * @param temperature sampling temperature
 * @param topP nucleus sampling mass
 * @param maxTokens the most tokens to generate
 * @param stop sequences that end generation
 * @param seed a seed for reproducible sampling
 * @param jsonResponse ask for a JSON object as the answer
 * @param topLogprobs {@code null}: no log-probs; 0 or more: per-token log-probs with this many alternatives
 */
public record ChatOptions(
    Double temperature,
    Double topP,
    Integer maxTokens,
    List<String> stop,
    Long seed,
    boolean jsonResponse,
    Integer topLogprobs) {

  public static final ChatOptions DEFAULTS = new ChatOptions(null, null, null, List.of(), null, false, null);

  public ChatOptions {
    stop = stop == null ? List.of() : List.copyOf(stop);
  }

  public ChatOptions withTemperature(Double value) {
    return new ChatOptions(value, topP, maxTokens, stop, seed, jsonResponse, topLogprobs);
  }

  public ChatOptions withTopP(Double value) {
    return new ChatOptions(temperature, value, maxTokens, stop, seed, jsonResponse, topLogprobs);
  }

  public ChatOptions withMaxTokens(Integer value) {
    return new ChatOptions(temperature, topP, value, stop, seed, jsonResponse, topLogprobs);
  }

  public ChatOptions withStop(List<String> value) {
    return new ChatOptions(temperature, topP, maxTokens, value, seed, jsonResponse, topLogprobs);
  }

  public ChatOptions withSeed(Long value) {
    return new ChatOptions(temperature, topP, maxTokens, stop, value, jsonResponse, topLogprobs);
  }

  public ChatOptions withJsonResponse(boolean value) {
    return new ChatOptions(temperature, topP, maxTokens, stop, seed, value, topLogprobs);
  }

  public ChatOptions withTopLogprobs(Integer value) {
    return new ChatOptions(temperature, topP, maxTokens, stop, seed, jsonResponse, value);
  }
}
