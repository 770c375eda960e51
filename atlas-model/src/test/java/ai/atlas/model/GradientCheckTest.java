package ai.atlas.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.model.backend.ReferenceBackend;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.io.ModelConfig;
import ai.atlas.model.io.Tensor;
import ai.atlas.model.nn.AttentionLayout;
import ai.atlas.model.nn.Ops;
import ai.atlas.model.nn.TrainingPass;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.train.CrossEntropy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every backward pass against central finite differences of a scalar loss {@code L = sum(c * y)}
 * (so {@code dL/dy = c}), then the whole model's cross-entropy gradient.
 */
class GradientCheckTest {

  private final Random random = new Random(11);

  private float[] gaussian(int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) random.nextGaussian();
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  /** Compares an analytic gradient with central differences of {@code loss} over {@code x}. */
  private static void check(String what, float[] x, float[] analytic, Supplier<Double> loss) {
    double eps = 1e-2;
    for (int i = 0; i < x.length; i++) {
      float saved = x[i];
      x[i] = (float) (saved + eps);
      double plus = loss.get();
      x[i] = (float) (saved - eps);
      double minus = loss.get();
      x[i] = saved;
      double numeric = (plus - minus) / (2 * eps);
      assertThat(analytic[i]).as("%s[%d]: numeric %s", what, i, numeric)
          .isCloseTo((float) numeric, org.assertj.core.data.Offset.offset((float) (2e-3 + 2e-2 * Math.abs(numeric))));
    }
  }

  @Test
  void rmsNorm() {
    int rows = 3;
    int h = 8;
    float[] x = gaussian(rows * h);
    float[] w = gaussian(h);
    float[] c = gaussian(rows * h);
    float[] inverse = new float[rows];
    Ops.rmsNorm(x, w, rows, h, 1e-6, inverse);
    float[] dw = new float[h];
    float[] dx = Ops.rmsNormBackward(c, x, w, inverse, rows, h, dw);
    Supplier<Double> loss = () -> dot(c, Ops.rmsNorm(x, w, rows, h, 1e-6, new float[rows]));
    check("dx", x, dx, loss);
    check("dweight", w, dw, loss);
  }

  @Test
  void rotaryEmbedding() {
    int rows = 5;
    int heads = 2;
    int hd = 8;
    float[] x = gaussian(rows * heads * hd);
    float[] c = gaussian(x.length);
    float[] dx = c.clone();
    Ops.rope(dx, rows, heads, hd, 10000, true);
    check("dx", x, dx, () -> {
      float[] y = x.clone();
      Ops.rope(y, rows, heads, hd, 10000, false);
      return dot(c, y);
    });
    float[] back = x.clone();
    Ops.rope(back, rows, heads, hd, 10000, false);
    Ops.rope(back, rows, heads, hd, 10000, true);
    for (int i = 0; i < x.length; i++) {
      assertThat(back[i]).isCloseTo(x[i], org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  /** Checks the attention's backward over {@code layout} against finite differences; answers the forward's probabilities. */
  private float[] checkAttention(AttentionLayout layout, int heads, int kvHeads, int hd) {
    int t = layout.rows();
    float[] q = gaussian(t * heads * hd);
    float[] k = gaussian(t * kvHeads * hd);
    float[] v = gaussian(t * kvHeads * hd);
    float[] c = gaussian(t * heads * hd);
    float[] probs = new float[heads * t * t];
    Ops.attention(q, k, v, layout, heads, kvHeads, hd, probs);
    float[] dq = new float[q.length];
    float[] dk = new float[k.length];
    float[] dv = new float[v.length];
    Ops.attentionBackward(c, q, k, v, probs, layout, heads, kvHeads, hd, dq, dk, dv);
    Supplier<Double> loss = () -> dot(c, Ops.attention(q, k, v, layout, heads, kvHeads, hd, new float[heads * t * t]));
    check("dq", q, dq, loss);
    check("dk", k, dk, loss);
    check("dv", v, dv, loss);
    return probs;
  }

  @Test
  void groupedQueryAttention() {
    float[] probs = checkAttention(AttentionLayout.causal(4), 4, 2, 4);
    assertThat(probs[1 * 4 + 2]).as("row 1 does not see row 2").isZero();
  }

  @Test
  void attentionOverASharedPrefixAndItsBranches() {
    AttentionLayout layout = AttentionLayout.sharedPrefix(2, new int[] {2, 1});
    int t = layout.rows();
    float[] probs = checkAttention(layout, 2, 1, 4);
    // the second branch's row (4) sees the prefix (0, 1) and itself, not the first branch (2, 3)
    assertThat(probs[4 * t + 2]).isZero();
    assertThat(probs[4 * t + 3]).isZero();
    assertThat(probs[4 * t + 0] + probs[4 * t + 1] + probs[4 * t + 4]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(layout.position(4)).as("a branch starts right after the prefix").isEqualTo(2);
  }

  @Test
  void aPromptPackedWithItsBranchesGivesTheLogitsAndGradientsOfSeparateSequences() {
    Transformer model = Transformer.load(variant("qwen2"), new ReferenceBackend());
    int vocab = model.config().vocabSize();
    int[] prompt = {1, 7, 22};
    int[][] branches = {{3, 49}, {13}, {}};
    int[] packed = {1, 7, 22, 3, 49, 13};
    AttentionLayout layout = AttentionLayout.sharedPrefix(prompt.length, new int[] {2, 1, 0});
    TrainingPass packedPass = new TrainingPass(model);
    float[] packedLogits = packedPass.forwardLogits(packed, layout);
    float[] packedGradient = new float[packedLogits.length];
    Transformer.Weights separateGrads = model.weights().zerosLike();
    int row = prompt.length;
    for (int[] branch : branches) {
      int[] sequence = java.util.Arrays.copyOf(prompt, prompt.length + branch.length);
      System.arraycopy(branch, 0, sequence, prompt.length, branch.length);
      TrainingPass pass = new TrainingPass(model);
      float[] logits = pass.forwardLogits(sequence);
      float[] gradient = gaussian(logits.length);
      pass.backwardLogits(gradient, separateGrads);
      // the prompt's rows are shared: their logits are the same for every branch, their gradients add up
      for (int i = 0; i < sequence.length; i++) {
        int packedRow = i < prompt.length ? i : row + i - prompt.length;
        for (int j = 0; j < vocab; j++) {
          assertThat(packedLogits[packedRow * vocab + j]).as("row %d", i)
              .isCloseTo(logits[i * vocab + j], org.assertj.core.data.Offset.offset(1e-5f));
          packedGradient[packedRow * vocab + j] += gradient[i * vocab + j];
        }
      }
      row += branch.length;
    }
    Transformer.Weights packedGrads = model.weights().zerosLike();
    packedPass.backwardLogits(packedGradient, packedGrads);
    List<float[]> expected = separateGrads.parameters();
    List<float[]> actual = packedGrads.parameters();
    for (int p = 0; p < expected.size(); p++) {
      for (int i = 0; i < expected.get(p).length; i++) {
        assertThat(actual.get(p)[i]).as("parameter %d[%d]", p, i)
            .isCloseTo(expected.get(p)[i], org.assertj.core.data.Offset.offset(1e-4f + 1e-4f * Math.abs(expected.get(p)[i])));
      }
    }
  }

  @Test
  void swiglu() {
    float[] gate = gaussian(12);
    float[] up = gaussian(12);
    float[] c = gaussian(12);
    float[] dGate = new float[12];
    float[] dUp = new float[12];
    Ops.swigluBackward(c, gate, up, dGate, dUp);
    Supplier<Double> loss = () -> dot(c, Ops.swiglu(gate, up));
    check("dgate", gate, dGate, loss);
    check("dup", up, dUp, loss);
  }

  @Test
  void linearLayers() {
    ReferenceBackend backend = new ReferenceBackend();
    int rows = 3;
    int k = 5;
    int n = 4;
    float[] x = gaussian(rows * k);
    float[] w = gaussian(n * k);
    float[] b = gaussian(n);
    float[] c = gaussian(rows * n);
    float[] dx = new float[rows * k];
    float[] dw = new float[n * k];
    float[] db = new float[n];
    backend.matmulAccumulate(dx, c, w, rows, n, k);
    backend.weightGradient(dw, c, x, rows, k, n);
    Ops.biasGradient(db, c, rows, n);
    Supplier<Double> loss = () -> {
      float[] y = new float[rows * n];
      backend.matmulTransposed(y, x, w, b, rows, k, n);
      return dot(c, y);
    };
    check("dx", x, dx, loss);
    check("dw", w, dw, loss);
    check("db", b, db, loss);
  }

  @Test
  void logSoftmax() {
    float[] logits = gaussian(7);
    float[] probabilities = new float[7];
    Ops.logSoftmax(logits, 0, 7, probabilities, 3);
    float[] analytic = new float[7];
    for (int v = 0; v < 7; v++) {
      analytic[v] = (v == 3 ? 1 : 0) - probabilities[v];
    }
    check("dlogits", logits, analytic, () -> Ops.logSoftmax(logits, 0, 7, new float[7], 3));
  }

  private static Checkpoint variant(String kind) {
    if (kind.equals("qwen3")) {
      return Checkpoint.load(TinyQwen3Test.fixture());
    }
    Checkpoint base = Checkpoint.load(TinyLlamaTest.fixture());
    if (kind.equals("llama")) {
      return base;
    }
    String json = base.config().toJson();
    Map<String, Tensor> tensors = new LinkedHashMap<>(base.tensors());
    if (kind.equals("tied")) {
      tensors.remove("lm_head.weight");
      return new Checkpoint(ModelConfig.parse(json.replace("\"tie_word_embeddings\":false", "\"tie_word_embeddings\":true")), tensors);
    }
    ModelConfig qwen = ModelConfig.parse(json.replace("LlamaForCausalLM", "Qwen2ForCausalLM").replace("\"model_type\":\"llama\"",
        "\"model_type\":\"qwen2\""));
    Random random = new Random(5);
    for (int l = 0; l < qwen.numLayers(); l++) {
      for (String p : new String[] {"q", "k", "v"}) {
        String name = "model.layers." + l + ".self_attn." + p + "_proj.bias";
        float[] bias = new float[p.equals("q") ? qwen.qDim() : qwen.kvDim()];
        for (int i = 0; i < bias.length; i++) {
          bias[i] = (float) (0.1 * random.nextGaussian());
        }
        tensors.put(name, new Tensor(name, new int[] {bias.length}, bias, ai.atlas.model.io.DType.F32));
      }
    }
    return new Checkpoint(qwen, tensors);
  }

  @Test
  void theWholeModelsCrossEntropyGradientMatchesFiniteDifferences() {
    for (String kind : List.of("llama", "tied", "qwen2", "qwen3")) {
      Transformer model = Transformer.load(variant(kind), new ReferenceBackend());
      int[] sequence = {1, 7, 22, 3, 49, 13, 8};
      boolean[] mask = {false, false, true, true, true, false, true};
      Transformer.Weights grads = model.weights().zerosLike();
      CrossEntropy.step(model, sequence, mask, 1.0, grads);
      List<float[]> parameters = model.weights().parameters();
      List<float[]> gradients = grads.parameters();
      Random pick = new Random(3);
      for (int p = 0; p < parameters.size(); p++) {
        float[] values = parameters.get(p);
        float[] gradient = gradients.get(p);
        for (int sample = 0; sample < 4; sample++) {
          int i = pick.nextInt(values.length);
          float saved = values[i];
          double eps = 1e-2;
          values[i] = (float) (saved + eps);
          double plus = CrossEntropy.step(model, sequence, mask, 1.0, null).loss();
          values[i] = (float) (saved - eps);
          double minus = CrossEntropy.step(model, sequence, mask, 1.0, null).loss();
          values[i] = saved;
          double numeric = (plus - minus) / (2 * eps);
          assertThat((double) gradient[i]).as("%s parameter %d[%d]", kind, p, i)
              .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-3 + 3e-2 * Math.abs(numeric)));
        }
      }
    }
  }

  @Test
  void theTrainingForwardPassGivesTheInferenceLogProbs() {
    Transformer model = Transformer.load(Checkpoint.load(TinyLlamaTest.fixture()), new ReferenceBackend());
    int[] tokens = {4, 8, 15, 16, 23};
    int[] targets = {8, 15, 16, 23, 42};
    double[] logProbs = new TrainingPass(model).forward(tokens, targets);
    float[] logits = model.forward(tokens);
    int vocab = model.config().vocabSize();
    for (int t = 0; t < tokens.length; t++) {
      float[] probabilities = new float[logits.length];
      assertThat(logProbs[t]).isCloseTo(Ops.logSoftmax(logits, t * vocab, vocab, probabilities, targets[t]),
          org.assertj.core.data.Offset.offset(1e-5));
    }
  }
}
