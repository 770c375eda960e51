package ai.atlas.model.nn;

/**
 * The model's element-wise and attention operations with their backward passes, as plain
 * functions over row-major float arrays, each checked against finite differences in the tests.
 */
public final class Ops {

  private Ops() {}

  /** {@code y = w * x / rms(x)} per row; {@code inverse[row]} receives {@code 1 / rms}. */
  public static float[] rmsNorm(float[] x, float[] weight, int rows, int h, double eps, float[] inverse) {
    float[] out = new float[rows * h];
    for (int r = 0; r < rows; r++) {
      double squares = 0;
      for (int d = 0; d < h; d++) {
        float v = x[r * h + d];
        squares += (double) v * v;
      }
      float inv = (float) (1.0 / Math.sqrt(squares / h + eps));
      inverse[r] = inv;
      for (int d = 0; d < h; d++) {
        out[r * h + d] = weight[d] * (x[r * h + d] * inv);
      }
    }
    return out;
  }

  /** The input gradient of {@link #rmsNorm}; adds the weight's gradient into {@code dWeight}. */
  public static float[] rmsNormBackward(float[] dy, float[] x, float[] weight, float[] inverse, int rows, int h, float[] dWeight) {
    float[] dx = new float[rows * h];
    for (int r = 0; r < rows; r++) {
      float inv = inverse[r];
      double dot = 0;
      for (int d = 0; d < h; d++) {
        int i = r * h + d;
        dWeight[d] += dy[i] * x[i] * inv;
        dot += (double) dy[i] * weight[d] * x[i];
      }
      float coefficient = (float) (dot * inv * inv * inv / h);
      for (int d = 0; d < h; d++) {
        int i = r * h + d;
        dx[i] = dy[i] * weight[d] * inv - x[i] * coefficient;
      }
    }
    return dx;
  }

  /**
   * Rotary embedding in the rotate_half layout at positions 0..rows-1, in place; {@code inverse}
   * turns the other way, which is the backward pass (a rotation's transpose is its inverse).
   */
  public static void rope(float[] x, int rows, int heads, int headDim, double theta, boolean inverse) {
    rope(x, AttentionLayout.causal(rows), heads, headDim, theta, inverse);
  }

  /** {@link #rope(float[], int, int, int, double, boolean)} with each row at its position in {@code layout}. */
  public static void rope(float[] x, AttentionLayout layout, int heads, int headDim, double theta, boolean inverse) {
    int half = headDim / 2;
    int width = heads * headDim;
    int rows = layout.rows();
    for (int r = 0; r < rows; r++) {
      int position = layout.position(r);
      for (int i = 0; i < half; i++) {
        double angle = position / Math.pow(theta, (2.0 * i) / headDim);
        float cos = (float) Math.cos(angle);
        float sin = (float) (inverse ? -Math.sin(angle) : Math.sin(angle));
        for (int head = 0; head < heads; head++) {
          int base = r * width + head * headDim;
          float a = x[base + i];
          float b = x[base + i + half];
          x[base + i] = a * cos - b * sin;
          x[base + i + half] = b * cos + a * sin;
        }
      }
    }
  }

  /**
   * Causal grouped-query attention over a whole sequence: softmax(q·kᵀ/√d) · v per head, with
   * head {@code h} reading key/value head {@code h / (heads / kvHeads)}. The probabilities go into
   * {@code probs[head][i][j]}.
   */
  public static float[] attention(float[] q, float[] k, float[] v, int t, int heads, int kvHeads, int hd, float[] probs) {
    return attention(q, k, v, AttentionLayout.causal(t), heads, kvHeads, hd, probs);
  }

  /** {@link #attention(float[], float[], float[], int, int, int, int, float[])} over the rows each row may see in {@code layout}. */
  public static float[] attention(float[] q, float[] k, float[] v, AttentionLayout layout, int heads, int kvHeads, int hd,
      float[] probs) {
    int t = layout.rows();
    int qDim = heads * hd;
    int kvDim = kvHeads * hd;
    int group = heads / kvHeads;
    float scale = (float) (1.0 / Math.sqrt(hd));
    float[] out = new float[t * qDim];
    for (int head = 0; head < heads; head++) {
      int kvHead = head / group;
      for (int i = 0; i < t; i++) {
        int p = (head * t + i) * t;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = layout.firstKey(i); j <= i; j = layout.nextKey(i, j)) {
          float s = 0f;
          for (int d = 0; d < hd; d++) {
            s += q[i * qDim + head * hd + d] * k[j * kvDim + kvHead * hd + d];
          }
          probs[p + j] = s * scale;
          max = Math.max(max, probs[p + j]);
        }
        double sum = 0;
        for (int j = layout.firstKey(i); j <= i; j = layout.nextKey(i, j)) {
          probs[p + j] = (float) Math.exp(probs[p + j] - max);
          sum += probs[p + j];
        }
        for (int j = layout.firstKey(i); j <= i; j = layout.nextKey(i, j)) {
          probs[p + j] = (float) (probs[p + j] / sum);
          float pij = probs[p + j];
          for (int d = 0; d < hd; d++) {
            out[i * qDim + head * hd + d] += pij * v[j * kvDim + kvHead * hd + d];
          }
        }
      }
    }
    return out;
  }

  /** The gradients of {@link #attention} with respect to q, k and v, added into {@code dq}, {@code dk}, {@code dv}. */
  public static void attentionBackward(float[] dOut, float[] q, float[] k, float[] v, float[] probs, int t, int heads, int kvHeads,
      int hd, float[] dq, float[] dk, float[] dv) {
    attentionBackward(dOut, q, k, v, probs, AttentionLayout.causal(t), heads, kvHeads, hd, dq, dk, dv);
  }

  /** The backward pass of the attention over {@code layout}. */
  public static void attentionBackward(float[] dOut, float[] q, float[] k, float[] v, float[] probs, AttentionLayout layout,
      int heads, int kvHeads, int hd, float[] dq, float[] dk, float[] dv) {
    int t = layout.rows();
    int qDim = heads * hd;
    int kvDim = kvHeads * hd;
    int group = heads / kvHeads;
    float scale = (float) (1.0 / Math.sqrt(hd));
    float[] dp = new float[t];
    for (int head = 0; head < heads; head++) {
      int kvHead = head / group;
      for (int i = 0; i < t; i++) {
        int p = (head * t + i) * t;
        double weighted = 0;
        for (int j = layout.firstKey(i); j <= i; j = layout.nextKey(i, j)) {
          float s = 0f;
          for (int d = 0; d < hd; d++) {
            float g = dOut[i * qDim + head * hd + d];
            s += g * v[j * kvDim + kvHead * hd + d];
            dv[j * kvDim + kvHead * hd + d] += probs[p + j] * g;
          }
          dp[j] = s;
          weighted += (double) probs[p + j] * s;
        }
        for (int j = layout.firstKey(i); j <= i; j = layout.nextKey(i, j)) {
          float dScore = probs[p + j] * (dp[j] - (float) weighted) * scale;
          for (int d = 0; d < hd; d++) {
            dq[i * qDim + head * hd + d] += dScore * k[j * kvDim + kvHead * hd + d];
            dk[j * kvDim + kvHead * hd + d] += dScore * q[i * qDim + head * hd + d];
          }
        }
      }
    }
  }

  /** {@code silu(gate) * up}, element-wise. */
  public static float[] swiglu(float[] gate, float[] up) {
    float[] out = new float[gate.length];
    for (int i = 0; i < out.length; i++) {
      float g = gate[i];
      out[i] = (float) (g / (1.0 + Math.exp(-g))) * up[i];
    }
    return out;
  }

  public static void swigluBackward(float[] dOut, float[] gate, float[] up, float[] dGate, float[] dUp) {
    for (int i = 0; i < dOut.length; i++) {
      double g = gate[i];
      double sigmoid = 1.0 / (1.0 + Math.exp(-g));
      double silu = g * sigmoid;
      dUp[i] += (float) (dOut[i] * silu);
      dGate[i] += (float) (dOut[i] * up[i] * sigmoid * (1 + g * (1 - sigmoid)));
    }
  }

  public static void biasGradient(float[] dBias, float[] dy, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < n; o++) {
        dBias[o] += dy[r * n + o];
      }
    }
  }

  /** Writes the row's softmax into {@code probabilities} and answers the target's log-prob. */
  public static double logSoftmax(float[] logits, int offset, int vocab, float[] probabilities, int target) {
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      max = Math.max(max, logits[offset + v]);
    }
    double sum = 0;
    for (int v = 0; v < vocab; v++) {
      sum += Math.exp(logits[offset + v] - max);
    }
    double logNormaliser = max + Math.log(sum);
    for (int v = 0; v < vocab; v++) {
      probabilities[offset + v] = (float) Math.exp(logits[offset + v] - logNormaliser);
    }
    return logits[offset + target] - logNormaliser;
  }
}
