package ai.atlas.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.model.backend.Backend;
import ai.atlas.model.backend.CpuBackend;
import ai.atlas.model.backend.ReferenceBackend;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.io.DTypes;
import ai.atlas.model.io.ModelConfig;
import ai.atlas.model.io.Tensor;
import ai.atlas.model.nn.KvCache;
import ai.atlas.model.nn.LogitCheck;
import ai.atlas.model.nn.Transformer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Hugging Face fixture: logits, the cache, saving and loading, and what is refused. */
class TinyLlamaTest {

  @TempDir Path temp;

  static Path fixture() {
    try {
      return Path.of(TinyLlamaTest.class.getResource("/tiny-llama/config.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Backend> backends() {
    return Stream.of(new ReferenceBackend(), new CpuBackend(2));
  }

  @ParameterizedTest
  @MethodSource("backends")
  void everyBackendReproducesTheReferenceLogits(Backend backend) {
    LogitCheck.Result result = LogitCheck.run(fixture(), backend);

    assertThat(result.cases()).isEqualTo(3);
    assertThat(result.logits()).isGreaterThan(0);
    assertThat(result.passed()).as("worst error %s at %s", result.maxError(), result.worstAt()).isTrue();
  }

  @Test
  void theCacheGivesTheSameLogitsAsAFullForwardPass() {
    Transformer model = Transformer.load(Checkpoint.load(fixture()), new ReferenceBackend());
    int[] tokens = {3, 17, 42, 8, 0, 49, 21};
    int vocab = model.config().vocabSize();

    float[] full = model.forward(tokens);
    KvCache cache = model.newCache(tokens.length);
    float[] prefix = model.forward(new int[] {3, 17, 42}, cache);
    float[] stepwise = new float[full.length];
    System.arraycopy(prefix, 0, stepwise, 0, prefix.length);
    for (int t = 3; t < tokens.length; t++) {
      System.arraycopy(model.forward(new int[] {tokens[t]}, cache), 0, stepwise, t * vocab, vocab);
    }

    for (int i = 0; i < full.length; i++) {
      assertThat(stepwise[i]).as("logit %d", i).isCloseTo(full[i], org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void savedCheckpointsLoadBackWithTheSameLogitsSingleAndSharded() throws IOException {
    Checkpoint original = Checkpoint.load(fixture());
    Path single = temp.resolve("single");
    Path sharded = temp.resolve("sharded");
    original.save(single, Long.MAX_VALUE);
    original.save(sharded, 4_000);

    assertThat(single.resolve("model.safetensors")).exists();
    assertThat(sharded.resolve("model.safetensors.index.json")).exists();
    assertThat(Files.list(sharded).filter(p -> p.getFileName().toString().startsWith("model-0")).count()).isGreaterThan(2);
    int[] tokens = {1, 2, 3, 4};
    float[] expected = Transformer.load(original, new ReferenceBackend()).forward(tokens);
    assertThat(Transformer.load(Checkpoint.load(single), new ReferenceBackend()).forward(tokens)).containsExactly(expected);
    assertThat(Transformer.load(Checkpoint.load(sharded), new ReferenceBackend()).forward(tokens)).containsExactly(expected);
    assertThat(Checkpoint.load(single).config()).isEqualTo(original.config());
  }

  @Test
  void halfPrecisionCheckpointsAreWidenedOnLoadAndNarrowedOnSave() {
    Checkpoint original = Checkpoint.load(fixture());
    Map<String, Tensor> bf16 = new LinkedHashMap<>();
    original.tensors().forEach((name, t) -> bf16.put(name, new Tensor(name, t.shape(), t.data().clone(), ai.atlas.model.io.DType.BF16)));
    new Checkpoint(original.config(), bf16).save(temp.resolve("bf16"), Long.MAX_VALUE);

    Checkpoint loaded = Checkpoint.load(temp.resolve("bf16"));

    Tensor embedding = loaded.tensor("model.embed_tokens.weight");
    assertThat(embedding.storedAs()).isEqualTo(ai.atlas.model.io.DType.BF16);
    float[] before = original.tensor("model.embed_tokens.weight").data();
    for (int i = 0; i < before.length; i++) {
      assertThat(embedding.data()[i]).isEqualTo(DTypes.roundTripBf16(before[i]));
      assertThat(Math.abs(embedding.data()[i] - before[i])).isLessThanOrEqualTo(Math.abs(before[i]) / 128);
    }
  }

  @Test
  void tiedEmbeddingsUseTheEmbeddingAsTheOutputHead() {
    Checkpoint original = Checkpoint.load(fixture());
    Map<String, Tensor> tied = new LinkedHashMap<>(original.tensors());
    Tensor embedding = tied.get("model.embed_tokens.weight");
    tied.put("lm_head.weight", new Tensor("lm_head.weight", embedding.shape(), embedding.data(), embedding.storedAs()));
    Checkpoint untiedCopy = new Checkpoint(original.config(), tied);
    ModelConfig tiedConfig = ModelConfig.parse(original.config().toJson().replace("\"tie_word_embeddings\":false",
        "\"tie_word_embeddings\":true"));
    Map<String, Tensor> withoutHead = new LinkedHashMap<>(original.tensors());
    withoutHead.remove("lm_head.weight");

    int[] tokens = {5, 6, 7};
    float[] expected = Transformer.load(untiedCopy, new ReferenceBackend()).forward(tokens);
    float[] actual = Transformer.load(new Checkpoint(tiedConfig, withoutHead), new ReferenceBackend()).forward(tokens);

    assertThat(actual).containsExactly(expected);
  }

  @Test
  void qwen2BiasesShiftTheProjections() {
    Checkpoint original = Checkpoint.load(fixture());
    ModelConfig qwen = ModelConfig.parse(original.config().toJson().replace("LlamaForCausalLM", "Qwen2ForCausalLM")
        .replace("\"model_type\":\"llama\"", "\"model_type\":\"qwen2\""));
    assertThat(qwen.attentionBias()).isTrue();
    Map<String, Tensor> zeroBias = new LinkedHashMap<>(original.tensors());
    for (int l = 0; l < qwen.numLayers(); l++) {
      for (String p : new String[] {"q", "k", "v"}) {
        String name = "model.layers." + l + ".self_attn." + p + "_proj.bias";
        int size = p.equals("q") ? qwen.qDim() : qwen.kvDim();
        zeroBias.put(name, new Tensor(name, new int[] {size}, new float[size], ai.atlas.model.io.DType.F32));
      }
    }
    int[] tokens = {9, 10, 11};
    float[] llama = Transformer.load(original, new ReferenceBackend()).forward(tokens);

    assertThat(Transformer.load(new Checkpoint(qwen, zeroBias), new ReferenceBackend()).forward(tokens)).containsExactly(llama);
    zeroBias.get("model.layers.0.self_attn.v_proj.bias").data()[0] = 1f;
    assertThat(Transformer.load(new Checkpoint(qwen, zeroBias), new ReferenceBackend()).forward(tokens)).isNotEqualTo(llama);
  }

  @Test
  void checkpointsItCannotRunAreRefusedNamingTheProblem() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("broken"));
    String config = Files.readString(fixture().resolve("config.json"));
    Files.copy(fixture().resolve("model.safetensors"), dir.resolve("model.safetensors"));

    Files.writeString(dir.resolve("config.json"), config.replace("LlamaForCausalLM", "GPT2LMHeadModel"));
    assertThatThrownBy(() -> Checkpoint.load(dir)).isInstanceOf(ModelException.class)
        .hasMessageContaining("architecture GPT2LMHeadModel is not supported");

    Files.writeString(dir.resolve("config.json"), config.replace("\"intermediate_size\": 40", "\"intermediate_size\": 48"));
    assertThatThrownBy(() -> Checkpoint.load(dir)).hasMessageContaining("tensor model.layers.0.mlp.gate_proj.weight has shape [40, 16]"
        + " where config.json implies [48, 16]");

    Files.writeString(dir.resolve("config.json"), config.replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 3"));
    assertThatThrownBy(() -> Checkpoint.load(dir)).hasMessageContaining("has no tensor model.layers.2.input_layernorm.weight");

    Files.writeString(dir.resolve("config.json"), config.replace("\"rope_theta\": 10000.0", "\"rope_scaling\": {\"type\": \"linear\"}"));
    assertThatThrownBy(() -> Checkpoint.load(dir)).hasMessageContaining("rope_scaling");

    Files.write(dir.resolve("model.safetensors"), new byte[] {1, 2, 3});
    Files.writeString(dir.resolve("config.json"), config);
    assertThatThrownBy(() -> Checkpoint.load(dir)).hasMessageContaining("model.safetensors");
  }
}
