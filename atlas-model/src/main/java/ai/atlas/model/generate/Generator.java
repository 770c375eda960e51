package ai.atlas.model.generate;

import ai.atlas.model.nn.KvCache;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Generates a continuation of a prompt with the KV cache: the prompt runs once, then one token at
 * a time. Stop sequences are looked for in the decoded text and cut off with what follows them.
 */
public final class Generator {

  /** What was generated: the tokens, their log-probs, the text, and why it ended ({@code stop}, {@code length}). */
  public record Generation(int[] tokens, double[] logProbs, String text, String finishReason, int promptTokens) {}

  private final Transformer model;
  private final Tokenizer tokenizer;

  public Generator(Transformer model, Tokenizer tokenizer) {
    this.model = model;
    this.tokenizer = tokenizer;
  }

  public Generation generate(String prompt, SamplingOptions options) {
    return generate(tokenizer.encode(prompt), options);
  }

  public Generation generate(int[] prompt, SamplingOptions options) {
    int vocab = model.config().vocabSize();
    int capacity = Math.min(model.config().maxPositions(), prompt.length + options.maxTokens());
    int budget = Math.max(0, capacity - prompt.length);
    KvCache cache = model.newCache(Math.max(capacity, prompt.length));
    Sampler sampler = new Sampler(options);
    OptionalInt eos = tokenizer.eos();
    int[] tokens = new int[budget];
    double[] logProbs = new double[budget];
    float[] logits = model.forward(prompt, cache);
    int offset = (prompt.length - 1) * vocab;
    int n = 0;
    String finish = "length";
    String text = "";
    boolean cut = false;
    while (n < budget) {
      Sampler.Choice choice = sampler.next(logits, offset, vocab);
      if (eos.isPresent() && choice.token() == eos.getAsInt()) {
        finish = "stop";
        break;
      }
      tokens[n] = choice.token();
      logProbs[n] = choice.logProb();
      n++;
      if (!options.stop().isEmpty()) {
        // stop sequences are text: look for them in what has been generated so far
        text = tokenizer.decode(Arrays.copyOf(tokens, n));
        int stopAt = firstStop(text, options);
        if (stopAt >= 0) {
          text = text.substring(0, stopAt);
          finish = "stop";
          cut = true;
          break;
        }
      }
      if (n == budget) {
        break;
      }
      logits = model.forward(new int[] {choice.token()}, cache);
      offset = 0;
    }
    if (!cut) {
      text = tokenizer.decode(Arrays.copyOf(tokens, n));
    }
    return new Generation(Arrays.copyOf(tokens, n), Arrays.copyOf(logProbs, n), text, finish, prompt.length);
  }

  private static int firstStop(String text, SamplingOptions options) {
    int first = -1;
    for (String stop : options.stop()) {
      int at = stop.isEmpty() ? -1 : text.indexOf(stop);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }
}
