package ai.atlas.model.generate;

import ai.atlas.model.ModelException;
import java.util.List;

/**
 * How to generate: {@code temperature} 0 is greedy; {@code topK} 0 and {@code topP} 1 keep every
 * token; the {@code seed} makes sampling repeatable; generation ends at {@code maxTokens}, at the
 * end-of-sequence token, or when the text contains a stop sequence (which is cut off).
 */
public record SamplingOptions(double temperature, double topP, int topK, long seed, int maxTokens, List<String> stop) {

  public static final SamplingOptions GREEDY = new SamplingOptions(0, 1, 0, 0, 256, List.of());

  public SamplingOptions {
    if (!(temperature >= 0) || !(topP > 0 && topP <= 1) || topK < 0 || maxTokens < 1) {
      throw new ModelException("sampling needs temperature >= 0, 0 < top_p <= 1, top_k >= 0 and max_tokens >= 1");
    }
    stop = stop == null ? List.of() : List.copyOf(stop);
  }

  public SamplingOptions withTemperature(double value) {
    return new SamplingOptions(value, topP, topK, seed, maxTokens, stop);
  }

  public SamplingOptions withSeed(long value) {
    return new SamplingOptions(temperature, topP, topK, value, maxTokens, stop);
  }

  public SamplingOptions withMaxTokens(int value) {
    return new SamplingOptions(temperature, topP, topK, seed, value, stop);
  }

  public SamplingOptions withStop(List<String> value) {
    return new SamplingOptions(temperature, topP, topK, seed, maxTokens, value);
  }

  public SamplingOptions withTopK(int value) {
    return new SamplingOptions(temperature, topP, value, seed, maxTokens, stop);
  }

  public SamplingOptions withTopP(double value) {
    return new SamplingOptions(temperature, value, topK, seed, maxTokens, stop);
  }
}
