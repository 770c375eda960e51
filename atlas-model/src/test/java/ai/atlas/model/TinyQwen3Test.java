package ai.atlas.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.model.backend.Backend;
import ai.atlas.model.backend.ReferenceBackend;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.nn.KvCache;
import ai.atlas.model.nn.LogitCheck;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.train.LearningRate;
import ai.atlas.model.train.SftExample;
import ai.atlas.model.train.SftTrainer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Qwen3 checkpoint (q/k norms, an explicit head_dim, tied embeddings) against logits computed by
 * an independent float64 NumPy implementation of transformers' Qwen3ForCausalLM
 * ({@code tiny-qwen3/make_reference.py}, which wrote the fixture).
 */
class TinyQwen3Test {

  @TempDir Path temp;

  static Path fixture() {
    try {
      return Path.of(TinyQwen3Test.class.getResource("/tiny-qwen3/config.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("ai.atlas.model.TinyLlamaTest#backends")
  void everyBackendReproducesTheReferenceLogits(Backend backend) {
    LogitCheck.Result result = LogitCheck.run(fixture(), backend);

    assertThat(result.cases()).isEqualTo(3);
    assertThat(result.passed()).as("worst error %s at %s", result.maxError(), result.worstAt()).isTrue();
  }

  @Test
  void itLoadsAsQwen3WithItsHeadDimension() {
    Checkpoint checkpoint = Checkpoint.load(fixture());
    assertThat(checkpoint.config().qkNorm()).isTrue();
    assertThat(checkpoint.config().attentionBias()).isFalse();
    assertThat(checkpoint.config().headDim()).isEqualTo(8).isNotEqualTo(checkpoint.config().hiddenSize() / checkpoint.config().numHeads());
  }

  @Test
  void theQkNormsAreApplied() throws IOException {
    // Without them (the same weights read as Qwen2 without bias) the logits move well past the tolerance.
    Path withoutNorms = temp.resolve("as-llama");
    Files.createDirectories(withoutNorms);
    Files.copy(fixture().resolve("model.safetensors"), withoutNorms.resolve("model.safetensors"));
    Files.writeString(withoutNorms.resolve("config.json"), Files.readString(fixture().resolve("config.json"))
        .replace("Qwen3ForCausalLM", "LlamaForCausalLM").replace("\"qwen3\"", "\"llama\""));
    Files.copy(fixture().resolve("expected_logits.json"), withoutNorms.resolve("expected_logits.json"));

    assertThat(LogitCheck.run(withoutNorms, new ReferenceBackend()).passed()).isFalse();
  }

  @Test
  void theCacheGivesTheSameLogitsAsAFullForwardPass() {
    Transformer model = Transformer.load(Checkpoint.load(fixture()), new ReferenceBackend());
    int[] tokens = {3, 17, 42, 8, 0, 49, 21};
    int vocab = model.config().vocabSize();

    float[] full = model.forward(tokens);
    KvCache cache = model.newCache(tokens.length);
    float[] stepwise = new float[full.length];
    System.arraycopy(model.forward(new int[] {3, 17, 42}, cache), 0, stepwise, 0, 3 * vocab);
    for (int t = 3; t < tokens.length; t++) {
      System.arraycopy(model.forward(new int[] {tokens[t]}, cache), 0, stepwise, t * vocab, vocab);
    }
    for (int i = 0; i < full.length; i++) {
      assertThat(stepwise[i]).as("logit %d", i).isCloseTo(full[i], org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void trainingLowersTheLossAndTheQkNormsLearn() {
    Transformer model = Transformer.load(Checkpoint.load(fixture()), new ReferenceBackend());
    float[] qNormBefore = model.tensors().get("model.layers.0.self_attn.q_norm.weight").data().clone();
    SftTrainer trainer = new SftTrainer(model, SftTrainer.Settings.of(new LearningRate(1e-2, 0, 20, LearningRate.Shape.CONSTANT, 1)));
    SftExample example = new SftExample(new int[] {3, 17, 42, 8, 0, 49, 21}, new boolean[] {false, false, false, true, true, true, true});
    double first = trainer.step(List.of(example)).loss();
    double last = first;
    for (int i = 0; i < 19; i++) {
      last = trainer.step(List.of(example)).loss();
    }
    assertThat(last).isLessThan(first * 0.5);
    assertThat(model.tensors().get("model.layers.0.self_attn.q_norm.weight").data()).isNotEqualTo(qNormBefore);
  }
}
