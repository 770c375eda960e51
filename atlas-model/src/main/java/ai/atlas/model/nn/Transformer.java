package ai.atlas.model.nn;

import ai.atlas.model.ModelException;
import ai.atlas.model.backend.Backend;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.io.ModelConfig;
import ai.atlas.model.io.Tensor;

/**
 * A Llama-family decoder (Llama, Qwen2, Qwen3, Mistral): token embedding, then per layer RMSNorm →
 * grouped-query self-attention with rotary embeddings in the {@code rotate_half} layout (and
 * optional q/k/v bias; for Qwen3 an RMSNorm of each head's query and key before the rotation) → residual, RMSNorm → SwiGLU MLP → residual; a final RMSNorm and the output
 * head (or the embedding, when tied). Matrix products go to the {@link Backend}; everything is
 * float32, with rotary angles and norms accumulated in double as the reference does.
 */
public final class Transformer {

  private final ModelConfig config;
  private final Backend backend;
  private final Weights weights;
  private final double[] inverseFrequencies;

  private java.util.Map<String, Tensor> tensors;

  /** The checkpoint tensors these weights share their arrays with (for saving after training). */
  public java.util.Map<String, Tensor> tensors() {
    if (tensors == null) {
      throw new ModelException("this model was not loaded from a checkpoint");
    }
    return tensors;
  }

  public Transformer(ModelConfig config, Weights weights, Backend backend) {
    this.config = config;
    this.weights = weights;
    this.backend = backend;
    int half = config.headDim() / 2;
    inverseFrequencies = new double[half];
    for (int i = 0; i < half; i++) {
      inverseFrequencies[i] = 1.0 / Math.pow(config.ropeTheta(), (2.0 * i) / config.headDim());
    }
  }

  public static Transformer load(Checkpoint checkpoint, Backend backend) {
    Transformer model = new Transformer(checkpoint.config(), Weights.from(checkpoint), backend);
    model.tensors = checkpoint.tensors();
    return model;
  }

  public ModelConfig config() {
    return config;
  }

  public Weights weights() {
    return weights;
  }

  public Backend backend() {
    return backend;
  }

  public KvCache newCache(int capacity) {
    return new KvCache(config.numLayers(), capacity, config.kvDim());
  }

  /** Logits {@code [T][V]} of a whole sequence from position 0, without a cache kept. */
  public float[] forward(int[] tokens) {
    return forward(tokens, newCache(tokens.length));
  }

  /**
   * Runs {@code tokens} at the positions after those already in {@code cache}, appends their keys
   * and values to it, and answers their logits {@code [T][V]}.
   */
  public float[] forward(int[] tokens, KvCache cache) {
    int t = tokens.length;
    int start = cache.length();
    if (start + t > cache.capacity()) {
      throw new ModelException("the sequence needs " + (start + t) + " positions; the cache holds " + cache.capacity());
    }
    int h = config.hiddenSize();
    float[] x = new float[t * h];
    for (int i = 0; i < t; i++) {
      int token = tokens[i];
      if (token < 0 || token >= config.vocabSize()) {
        throw new ModelException("token id " + token + " is outside the vocabulary of " + config.vocabSize());
      }
      System.arraycopy(weights.embedding, token * h, x, i * h, h);
    }
    // the same norm and activation as the training pass (Ops), so generation sees the weights it trained
    float[] inverse = new float[t];
    double eps = config.rmsNormEps();
    for (int l = 0; l < config.numLayers(); l++) {
      Weights.Layer layer = weights.layers[l];
      add(x, attention(Ops.rmsNorm(x, layer.inputNorm, t, h, eps, inverse), layer, l, cache, start, t));
      add(x, mlp(Ops.rmsNorm(x, layer.postAttentionNorm, t, h, eps, inverse), layer, t));
    }
    cache.advance(t);
    float[] normed = Ops.rmsNorm(x, weights.finalNorm, t, h, eps, inverse);
    float[] logits = new float[t * config.vocabSize()];
    backend.matmulTransposed(logits, normed, weights.outputHead(), null, t, h, config.vocabSize());
    return logits;
  }

  private float[] attention(float[] x, Weights.Layer layer, int l, KvCache cache, int start, int t) {
    int h = config.hiddenSize();
    int hd = config.headDim();
    int qDim = config.qDim();
    int kvDim = config.kvDim();
    float[] q = new float[t * qDim];
    float[] k = new float[t * kvDim];
    float[] v = new float[t * kvDim];
    backend.matmulTransposed(q, x, layer.q, layer.qBias, t, h, qDim);
    backend.matmulTransposed(k, x, layer.k, layer.kBias, t, h, kvDim);
    backend.matmulTransposed(v, x, layer.v, layer.vBias, t, h, kvDim);
    if (layer.qNorm != null) {
      // Qwen3: each head's query and key RMS-normalised (rows of head_dim), as the training pass does
      q = Ops.rmsNorm(q, layer.qNorm, t * config.numHeads(), hd, config.rmsNormEps(), new float[t * config.numHeads()]);
      k = Ops.rmsNorm(k, layer.kNorm, t * config.numKvHeads(), hd, config.rmsNormEps(), new float[t * config.numKvHeads()]);
    }
    for (int i = 0; i < t; i++) {
      rotate(q, i * qDim, config.numHeads(), start + i);
      rotate(k, i * kvDim, config.numKvHeads(), start + i);
    }
    float[] keys = cache.keys[l];
    float[] values = cache.values[l];
    System.arraycopy(k, 0, keys, start * kvDim, t * kvDim);
    System.arraycopy(v, 0, values, start * kvDim, t * kvDim);

    float[] out = new float[t * qDim];
    int group = config.numHeads() / config.numKvHeads();
    float scale = (float) (1.0 / Math.sqrt(hd));
    float[] scores = new float[start + t];
    for (int i = 0; i < t; i++) {
      int position = start + i;
      for (int head = 0; head < config.numHeads(); head++) {
        int kvHead = head / group;
        int qAt = i * qDim + head * hd;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j <= position; j++) {
          int kAt = j * kvDim + kvHead * hd;
          float s = 0f;
          for (int d = 0; d < hd; d++) {
            s += q[qAt + d] * keys[kAt + d];
          }
          s *= scale;
          scores[j] = s;
          max = Math.max(max, s);
        }
        double sum = 0;
        for (int j = 0; j <= position; j++) {
          float e = (float) Math.exp(scores[j] - max);
          scores[j] = e;
          sum += e;
        }
        float inverse = (float) (1.0 / sum);
        int oAt = i * qDim + head * hd;
        for (int j = 0; j <= position; j++) {
          float p = scores[j] * inverse;
          int vAt = j * kvDim + kvHead * hd;
          for (int d = 0; d < hd; d++) {
            out[oAt + d] += p * values[vAt + d];
          }
        }
      }
    }
    float[] projected = new float[t * h];
    backend.matmulTransposed(projected, out, layer.o, null, t, qDim, h);
    return projected;
  }

  /** Rotary embedding, rotate_half layout: pairs (i, i + d/2) of each head turn by position × frequency i. */
  private void rotate(float[] vectors, int offset, int heads, int position) {
    int hd = config.headDim();
    int half = hd / 2;
    for (int head = 0; head < heads; head++) {
      int base = offset + head * hd;
      for (int i = 0; i < half; i++) {
        double angle = position * inverseFrequencies[i];
        float cos = (float) Math.cos(angle);
        float sin = (float) Math.sin(angle);
        float a = vectors[base + i];
        float b = vectors[base + i + half];
        vectors[base + i] = a * cos - b * sin;
        vectors[base + i + half] = b * cos + a * sin;
      }
    }
  }

  private float[] mlp(float[] x, Weights.Layer layer, int t) {
    int h = config.hiddenSize();
    int m = config.intermediateSize();
    float[] gate = new float[t * m];
    float[] up = new float[t * m];
    backend.matmulTransposed(gate, x, layer.gate, null, t, h, m);
    backend.matmulTransposed(up, x, layer.up, null, t, h, m);
    float[] down = new float[t * h];
    backend.matmulTransposed(down, Ops.swiglu(gate, up), layer.down, null, t, m, h);
    return down;
  }

  private static void add(float[] x, float[] delta) {
    for (int i = 0; i < x.length; i++) {
      x[i] += delta[i];
    }
  }

  /** The tensors of a checkpoint as arrays, by role. */
  public static final class Weights {
    final float[] embedding;
    final float[] finalNorm;
    final float[] lmHead;
    final Layer[] layers;

    Weights(float[] embedding, float[] finalNorm, float[] lmHead, Layer[] layers) {
      this.embedding = embedding;
      this.finalNorm = finalNorm;
      this.lmHead = lmHead;
      this.layers = layers;
    }

    float[] outputHead() {
      return lmHead == null ? embedding : lmHead;
    }

    boolean tied() {
      return lmHead == null;
    }

    /** Every parameter array, in a fixed order (the optimizer pairs them with their gradients by position). */
    public java.util.List<float[]> parameters() {
      java.util.List<float[]> all = new java.util.ArrayList<>();
      all.add(embedding);
      for (Layer layer : layers) {
        for (float[] p : new float[][] {layer.inputNorm, layer.q, layer.k, layer.v, layer.qBias, layer.kBias, layer.vBias, layer.qNorm,
            layer.kNorm, layer.o, layer.postAttentionNorm, layer.gate, layer.up, layer.down}) {
          if (p != null) {
            all.add(p);
          }
        }
      }
      all.add(finalNorm);
      if (lmHead != null) {
        all.add(lmHead);
      }
      return all;
    }

    /** Arrays of zeros shaped like these weights: a gradient buffer. */
    public Weights zerosLike() {
      Layer[] zero = new Layer[layers.length];
      for (int l = 0; l < layers.length; l++) {
        Layer from = layers[l];
        Layer to = new Layer();
        to.inputNorm = zeros(from.inputNorm);
        to.q = zeros(from.q);
        to.k = zeros(from.k);
        to.v = zeros(from.v);
        to.qBias = zeros(from.qBias);
        to.kBias = zeros(from.kBias);
        to.vBias = zeros(from.vBias);
        to.qNorm = zeros(from.qNorm);
        to.kNorm = zeros(from.kNorm);
        to.o = zeros(from.o);
        to.postAttentionNorm = zeros(from.postAttentionNorm);
        to.gate = zeros(from.gate);
        to.up = zeros(from.up);
        to.down = zeros(from.down);
        zero[l] = to;
      }
      return new Weights(zeros(embedding), zeros(finalNorm), zeros(lmHead), zero);
    }

    /** Sets every value to zero (between optimizer steps). */
    public void clear() {
      for (float[] p : parameters()) {
        java.util.Arrays.fill(p, 0f);
      }
    }

    private static float[] zeros(float[] like) {
      return like == null ? null : new float[like.length];
    }

    /** One decoder layer's tensors. */
    static final class Layer {
      float[] inputNorm;
      float[] q;
      float[] k;
      float[] v;
      float[] qBias;
      float[] kBias;
      float[] vBias;
      float[] qNorm;
      float[] kNorm;
      float[] o;
      float[] postAttentionNorm;
      float[] gate;
      float[] up;
      float[] down;
    }

    static Weights from(Checkpoint checkpoint) {
      ModelConfig c = checkpoint.config();
      Layer[] layers = new Layer[c.numLayers()];
      for (int l = 0; l < layers.length; l++) {
        String p = "model.layers." + l + ".";
        Layer layer = new Layer();
        layer.inputNorm = data(checkpoint, p + "input_layernorm.weight");
        layer.q = data(checkpoint, p + "self_attn.q_proj.weight");
        layer.k = data(checkpoint, p + "self_attn.k_proj.weight");
        layer.v = data(checkpoint, p + "self_attn.v_proj.weight");
        if (c.attentionBias()) {
          layer.qBias = data(checkpoint, p + "self_attn.q_proj.bias");
          layer.kBias = data(checkpoint, p + "self_attn.k_proj.bias");
          layer.vBias = data(checkpoint, p + "self_attn.v_proj.bias");
        }
        if (c.qkNorm()) {
          layer.qNorm = data(checkpoint, p + "self_attn.q_norm.weight");
          layer.kNorm = data(checkpoint, p + "self_attn.k_norm.weight");
        }
        layer.o = data(checkpoint, p + "self_attn.o_proj.weight");
        layer.postAttentionNorm = data(checkpoint, p + "post_attention_layernorm.weight");
        layer.gate = data(checkpoint, p + "mlp.gate_proj.weight");
        layer.up = data(checkpoint, p + "mlp.up_proj.weight");
        layer.down = data(checkpoint, p + "mlp.down_proj.weight");
        layers[l] = layer;
      }
      return new Weights(data(checkpoint, "model.embed_tokens.weight"), data(checkpoint, "model.norm.weight"),
          c.tieWordEmbeddings() ? null : data(checkpoint, "lm_head.weight"), layers);
    }

    private static float[] data(Checkpoint checkpoint, String name) {
      Tensor t = checkpoint.tensor(name);
      return t.data();
    }
  }
}
