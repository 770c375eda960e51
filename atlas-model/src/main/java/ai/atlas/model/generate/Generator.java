package ai.atlas.model.generate;

import ai.atlas.model.nn.KvCache;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    return generateEach(prompt, List.of(options)).get(0);
  }

  /**
   * One continuation of the prompt per options, the prompt run once: its keys and values stay in
   * the cache, which each continuation cuts back to the prompt before it starts (GRPO samples a
   * group of completions of one prompt so).
   */
  public List<Generation> generateEach(int[] prompt, List<SamplingOptions> each) {
    int vocab = model.config().vocabSize();
    int longest = each.stream().mapToInt(SamplingOptions::maxTokens).max().orElse(0);
    int capacity = Math.min(model.config().maxPositions(), prompt.length + longest);
    KvCache cache = model.newCache(Math.max(capacity, prompt.length));
    float[] logits = model.forward(prompt, cache);
    float[] last = Arrays.copyOfRange(logits, (prompt.length - 1) * vocab, prompt.length * vocab);
    List<Generation> generations = new ArrayList<>(each.size());
    for (SamplingOptions options : each) {
      cache.truncate(prompt.length);
      int budget = Math.max(0, Math.min(capacity, prompt.length + options.maxTokens()) - prompt.length);
      generations.add(continueFrom(last, cache, budget, options, prompt.length));
    }
    return generations;
  }

  /** Samples up to {@code budget} tokens after the cache's positions, the first from {@code logits}. */
  private Generation continueFrom(float[] firstLogits, KvCache cache, int budget, SamplingOptions options, int promptLength) {
    int vocab = model.config().vocabSize();
    Sampler sampler = new Sampler(options);
    OptionalInt eos = tokenizer.eos();
    int[] tokens = new int[budget];
    double[] logProbs = new double[budget];
    float[] logits = firstLogits;
    int n = 0;
    String finish = "length";
    String text = "";
    boolean cut = false;
    while (n < budget) {
      Sampler.Choice choice = sampler.next(logits, 0, vocab);
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
    }
    if (!cut) {
      text = tokenizer.decode(Arrays.copyOf(tokens, n));
    }
    return new Generation(Arrays.copyOf(tokens, n), Arrays.copyOf(logProbs, n), text, finish, promptLength);
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
