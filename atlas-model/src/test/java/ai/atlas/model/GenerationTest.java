package ai.atlas.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.atlas.model.backend.CpuBackend;
import ai.atlas.model.generate.Generator;
import ai.atlas.model.generate.SamplingOptions;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.tokenizer.Tokenizer;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Generation on the fixture model with a one-letter-per-token tokenizer. */
class GenerationTest {

  /** Token i is the letter 'A' + i (50 tokens: A..r). */
  static final class Letters implements Tokenizer {
    private final Integer eos;

    Letters(Integer eos) {
      this.eos = eos;
    }

    @Override
    public int[] encode(String text) {
      return text.chars().map(c -> c - 'A').toArray();
    }

    @Override
    public String decode(int[] ids) {
      StringBuilder out = new StringBuilder();
      for (int id : ids) {
        out.append((char) ('A' + id));
      }
      return out.toString();
    }

    @Override
    public int vocabSize() {
      return 50;
    }

    @Override
    public OptionalInt specialId(String token) {
      return OptionalInt.empty();
    }

    @Override
    public OptionalInt eos() {
      return eos == null ? OptionalInt.empty() : OptionalInt.of(eos);
    }
  }

  private final Transformer model = Transformer.load(Checkpoint.load(TinyLlamaTest.fixture()), new CpuBackend(2));
  private final int[] prompt = {3, 1, 4, 1, 5};

  private static int argmax(float[] logits, int offset, int vocab) {
    int best = 0;
    for (int v = 1; v < vocab; v++) {
      if (logits[offset + v] > logits[offset + best]) {
        best = v;
      }
    }
    return best;
  }

  @Test
  void greedyGenerationWithTheCacheFollowsFullForwardPasses() {
    Generator.Generation generated = new Generator(model, new Letters(null)).generate(prompt, SamplingOptions.GREEDY.withMaxTokens(8));

    int[] sequence = prompt.clone();
    for (int i = 0; i < 8; i++) {
      float[] logits = model.forward(sequence);
      int vocab = model.config().vocabSize();
      int next = argmax(logits, (sequence.length - 1) * vocab, vocab);
      assertThat(generated.tokens()[i]).as("token %d", i).isEqualTo(next);
      // the log-prob is the token's under the full distribution at that position
      double max = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < vocab; v++) {
        max = Math.max(max, logits[(sequence.length - 1) * vocab + v]);
      }
      double sum = 0;
      for (int v = 0; v < vocab; v++) {
        sum += Math.exp(logits[(sequence.length - 1) * vocab + v] - max);
      }
      assertThat(generated.logProbs()[i]).isCloseTo(logits[(sequence.length - 1) * vocab + next] - max - Math.log(sum), within(1e-4));
      sequence = java.util.Arrays.copyOf(sequence, sequence.length + 1);
      sequence[sequence.length - 1] = next;
    }
    assertThat(generated.finishReason()).isEqualTo("length");
    assertThat(generated.promptTokens()).isEqualTo(5);
  }

  @Test
  void seededSamplingRepeatsAndTopKOfOneIsGreedy() {
    Generator generator = new Generator(model, new Letters(null));
    SamplingOptions hot = new SamplingOptions(1.5, 0.95, 20, 42, 12, List.of());

    Generator.Generation first = generator.generate(prompt, hot);
    Generator.Generation again = generator.generate(prompt, hot);
    assertThat(again.tokens()).containsExactly(first.tokens());
    assertThat(again.logProbs()).containsExactly(first.logProbs());

    boolean differs = false;
    for (long seed = 1; seed < 6 && !differs; seed++) {
      differs = !java.util.Arrays.equals(generator.generate(prompt, hot.withSeed(seed)).tokens(), first.tokens());
    }
    assertThat(differs).as("other seeds sample other continuations").isTrue();
    assertThat(generator.generate(prompt, hot.withTopK(1)).tokens())
        .containsExactly(generator.generate(prompt, SamplingOptions.GREEDY.withMaxTokens(12)).tokens());
  }

  @Test
  void continuationsFromOnePrefillAreThoseOfSeparateGenerations() {
    Generator generator = new Generator(model, new Letters(null));
    List<SamplingOptions> each = List.of(new SamplingOptions(1.0, 1.0, 0, 1, 12, List.of()),
        new SamplingOptions(1.0, 1.0, 0, 2, 3, List.of()), SamplingOptions.GREEDY.withMaxTokens(6),
        new SamplingOptions(1.0, 1.0, 0, 3, 12, List.of()));

    List<Generator.Generation> shared = generator.generateEach(prompt, each);

    assertThat(shared).hasSize(4);
    for (int i = 0; i < each.size(); i++) {
      Generator.Generation alone = generator.generate(prompt, each.get(i));
      assertThat(shared.get(i).tokens()).as("continuation %d", i).containsExactly(alone.tokens());
      assertThat(shared.get(i).logProbs()).as("continuation %d", i).containsExactly(alone.logProbs());
      assertThat(shared.get(i).finishReason()).isEqualTo(alone.finishReason());
    }
    assertThat(shared.get(1).tokens()).hasSize(3); // its own budget, not the longest one
    assertThat(shared.get(0).tokens()).isNotEqualTo(shared.get(3).tokens());
  }

  @Test
  void stopSequencesAndTheEndTokenEndGeneration() {
    Generator.Generation free = new Generator(model, new Letters(null)).generate(prompt, SamplingOptions.GREEDY.withMaxTokens(10));
    String stop = free.text().substring(3, 5);
    int expectedCut = free.text().indexOf(stop);

    Generator.Generation stopped = new Generator(model, new Letters(null))
        .generate(prompt, SamplingOptions.GREEDY.withMaxTokens(10).withStop(List.of("zzz", stop)));
    assertThat(stopped.text()).isEqualTo(free.text().substring(0, expectedCut));
    assertThat(stopped.finishReason()).isEqualTo("stop");

    Generator.Generation ended = new Generator(model, new Letters(free.tokens()[2])).generate(prompt, SamplingOptions.GREEDY.withMaxTokens(10));
    assertThat(ended.tokens()).containsExactly(free.tokens()[0], free.tokens()[1]);
    assertThat(ended.finishReason()).isEqualTo("stop");
  }

  @Test
  void samplingTheWholeDistributionDrawsTokensInProportion() {
    ai.atlas.model.generate.Sampler sampler = new ai.atlas.model.generate.Sampler(new SamplingOptions(1.0, 1.0, 0, 3, 1, List.of()));
    float[] logits = {0f, (float) Math.log(3), -30f}; // probabilities 1/4, 3/4, ~0
    int[] counts = new int[3];
    for (int i = 0; i < 20_000; i++) {
      ai.atlas.model.generate.Sampler.Choice choice = sampler.next(logits, 0, 3);
      counts[choice.token()]++;
      if (choice.token() == 1) {
        assertThat(choice.logProb()).isCloseTo(Math.log(0.75), within(1e-6));
      }
    }
    assertThat(counts[1] / 20_000.0).isCloseTo(0.75, within(0.02));
    assertThat(counts[2]).isZero();
  }
}
