package ai.atlas.model.nn;

import ai.atlas.model.ModelException;
import ai.atlas.model.backend.Backend;
import ai.atlas.model.io.ModelConfig;
import ai.atlas.model.nn.Transformer.Weights;

/**
 * A forward pass that keeps what the backward pass needs, and that backward pass. The forward
 * answers the log-prob of each target token ({@code targets[t]} is the token after position
 * {@code t}); the backward takes the gradient of the loss with respect to each of those log-probs
 * and adds the gradient of every parameter into a gradient buffer. Cross-entropy over masked
 * tokens is the case {@code dLoss/dLogProb[t] = -mask[t] / sum(mask)}; GRPO's losses are others.
 */
public final class TrainingPass {

  private final Transformer model;
  private final ModelConfig c;
  private final Backend backend;
  private final Weights w;

  private int[] tokens;
  private int[] targets;
  private int t;
  private AttentionLayout layout;
  private LayerState[] states;
  private float[] finalInput;
  private float[] finalInverse;
  private float[] finalNormed;
  private float[] probabilities; // softmax of the logits, [T][V]

  /** What one layer's forward kept. */
  private static final class LayerState {
    float[] input;
    float[] inverse1;
    float[] normed1;
    float[] qRaw; // before the q/k norms (Qwen3), with their inverse RMS per head
    float[] kRaw;
    float[] qInverse;
    float[] kInverse;
    float[] qRot;
    float[] kRot;
    float[] v;
    float[] probs; // [heads][T][T]
    float[] attended;
    float[] middle;
    float[] inverse2;
    float[] normed2;
    float[] gate;
    float[] up;
    float[] activated;
  }

  public TrainingPass(Transformer model) {
    this.model = model;
    this.c = model.config();
    this.backend = model.backend();
    this.w = model.weights();
  }

  /** Runs the sequence from position 0 and answers the log-prob of each target token. */
  public double[] forward(int[] tokens, int[] targets) {
    if (tokens.length != targets.length || tokens.length == 0) {
      throw new ModelException("a training sequence needs as many targets as tokens, and at least one");
    }
    this.targets = targets.clone();
    float[] logits = forwardLogits(tokens);
    int vocab = c.vocabSize();
    probabilities = new float[t * vocab];
    double[] logProbs = new double[t];
    for (int i = 0; i < t; i++) {
      logProbs[i] = Ops.logSoftmax(logits, i * vocab, vocab, probabilities, targets[i]);
    }
    return logProbs;
  }

  /**
   * Runs the sequence from position 0 and answers the logits, T×V, keeping what
   * {@link #backwardLogits} needs: for losses computed over the logits themselves (GRPO's, with
   * its temperature), where {@link #forward} is for losses over the targets' log-probs.
   */
  public float[] forwardLogits(int[] tokens) {
    return forwardLogits(tokens, AttentionLayout.causal(tokens.length));
  }

  /**
   * {@link #forwardLogits(int[])} over a packed sequence: its rows at the positions, and seeing
   * the rows, that {@code layout} gives (a prompt and several completions of it, say).
   */
  public float[] forwardLogits(int[] tokens, AttentionLayout layout) {
    if (tokens.length == 0) {
      throw new ModelException("a training sequence needs at least one token");
    }
    if (layout.rows() != tokens.length) {
      throw new ModelException("the attention layout has " + layout.rows() + " rows for " + tokens.length + " tokens");
    }
    if (layout.span() > c.maxPositions()) {
      throw new ModelException("a training sequence of " + layout.span() + " positions is longer than the model's "
          + c.maxPositions() + " positions");
    }
    this.layout = layout;
    this.tokens = tokens.clone();
    this.t = tokens.length;
    this.probabilities = null; // set again by forward(tokens, targets) only
    int h = c.hiddenSize();
    float[] x = new float[t * h];
    for (int i = 0; i < t; i++) {
      System.arraycopy(w.embedding, tokens[i] * h, x, i * h, h);
    }
    states = new LayerState[c.numLayers()];
    for (int l = 0; l < states.length; l++) {
      LayerState s = new LayerState();
      states[l] = s;
      Transformer.Weights.Layer layer = w.layers[l];
      s.input = x.clone();
      s.inverse1 = new float[t];
      s.normed1 = Ops.rmsNorm(x, layer.inputNorm, t, h, c.rmsNormEps(), s.inverse1);
      attentionForward(s, layer);
      float[] projected = new float[t * h];
      backend.matmulTransposed(projected, s.attended, layer.o, null, t, c.qDim(), h);
      for (int i = 0; i < x.length; i++) {
        x[i] += projected[i];
      }
      s.middle = x.clone();
      s.inverse2 = new float[t];
      s.normed2 = Ops.rmsNorm(x, layer.postAttentionNorm, t, h, c.rmsNormEps(), s.inverse2);
      int m = c.intermediateSize();
      s.gate = new float[t * m];
      s.up = new float[t * m];
      backend.matmulTransposed(s.gate, s.normed2, layer.gate, null, t, h, m);
      backend.matmulTransposed(s.up, s.normed2, layer.up, null, t, h, m);
      s.activated = Ops.swiglu(s.gate, s.up);
      float[] down = new float[t * h];
      backend.matmulTransposed(down, s.activated, layer.down, null, t, m, h);
      for (int i = 0; i < x.length; i++) {
        x[i] += down[i];
      }
    }
    finalInput = x;
    finalInverse = new float[t];
    finalNormed = Ops.rmsNorm(x, w.finalNorm, t, h, c.rmsNormEps(), finalInverse);
    int vocab = c.vocabSize();
    float[] logits = new float[t * vocab];
    backend.matmulTransposed(logits, finalNormed, w.outputHead(), null, t, h, vocab);
    return logits;
  }

  private void attentionForward(LayerState s, Transformer.Weights.Layer layer) {
    int h = c.hiddenSize();
    int qDim = c.qDim();
    int kvDim = c.kvDim();
    float[] q = new float[t * qDim];
    float[] k = new float[t * kvDim];
    s.v = new float[t * kvDim];
    backend.matmulTransposed(q, s.normed1, layer.q, layer.qBias, t, h, qDim);
    backend.matmulTransposed(k, s.normed1, layer.k, layer.kBias, t, h, kvDim);
    backend.matmulTransposed(s.v, s.normed1, layer.v, layer.vBias, t, h, kvDim);
    if (layer.qNorm != null) {
      // Qwen3: each head's query and key RMS-normalised (rows of head_dim) before the rotation
      s.qRaw = q;
      s.kRaw = k;
      s.qInverse = new float[t * c.numHeads()];
      s.kInverse = new float[t * c.numKvHeads()];
      q = Ops.rmsNorm(q, layer.qNorm, t * c.numHeads(), c.headDim(), c.rmsNormEps(), s.qInverse);
      k = Ops.rmsNorm(k, layer.kNorm, t * c.numKvHeads(), c.headDim(), c.rmsNormEps(), s.kInverse);
    }
    Ops.rope(q, layout, c.numHeads(), c.headDim(), c.ropeTheta(), false);
    Ops.rope(k, layout, c.numKvHeads(), c.headDim(), c.ropeTheta(), false);
    s.qRot = q;
    s.kRot = k;
    s.probs = new float[c.numHeads() * t * t];
    s.attended = Ops.attention(s.qRot, s.kRot, s.v, layout, c.numHeads(), c.numKvHeads(), c.headDim(), s.probs);
  }

  /**
   * Adds into {@code grads} the gradient of a loss whose derivative with respect to each target
   * log-prob is {@code dLogProbs[t]}.
   */
  public void backward(double[] dLogProbs, Weights grads) {
    if (dLogProbs.length != t || probabilities == null) {
      throw new ModelException("the backward pass needs a forward over targets and one gradient per target token");
    }
    int vocab = c.vocabSize();
    float[] dLogits = new float[t * vocab];
    for (int i = 0; i < t; i++) {
      float g = (float) dLogProbs[i];
      if (g == 0f) {
        continue;
      }
      for (int v = 0; v < vocab; v++) {
        dLogits[i * vocab + v] = -g * probabilities[i * vocab + v];
      }
      dLogits[i * vocab + targets[i]] += g;
    }
    backwardLogits(dLogits, grads);
  }

  /** Adds into {@code grads} the gradient of a loss whose derivative with respect to the logits (T×V) is {@code dLogits}. */
  public void backwardLogits(float[] dLogits, Weights grads) {
    int h = c.hiddenSize();
    int vocab = c.vocabSize();
    if (states == null || dLogits.length != t * vocab) {
      throw new ModelException("the backward pass needs a forward first and one gradient per logit");
    }
    float[] dNormed = new float[t * h];
    backend.matmulAccumulate(dNormed, dLogits, w.outputHead(), t, vocab, h);
    backend.weightGradient(grads.tied() ? grads.embedding : grads.lmHead, dLogits, finalNormed, t, h, vocab);
    float[] dx = Ops.rmsNormBackward(dNormed, finalInput, w.finalNorm, finalInverse, t, h, grads.finalNorm);

    for (int l = states.length - 1; l >= 0; l--) {
      LayerState s = states[l];
      Transformer.Weights.Layer layer = w.layers[l];
      Transformer.Weights.Layer g = grads.layers[l];
      int m = c.intermediateSize();
      // MLP: dx flows through the residual and into the MLP branch
      float[] dActivated = new float[t * m];
      backend.matmulAccumulate(dActivated, dx, layer.down, t, h, m);
      backend.weightGradient(g.down, dx, s.activated, t, m, h);
      float[] dGate = new float[t * m];
      float[] dUp = new float[t * m];
      Ops.swigluBackward(dActivated, s.gate, s.up, dGate, dUp);
      float[] dNormed2 = new float[t * h];
      backend.matmulAccumulate(dNormed2, dGate, layer.gate, t, m, h);
      backend.matmulAccumulate(dNormed2, dUp, layer.up, t, m, h);
      backend.weightGradient(g.gate, dGate, s.normed2, t, h, m);
      backend.weightGradient(g.up, dUp, s.normed2, t, h, m);
      float[] dMiddle = Ops.rmsNormBackward(dNormed2, s.middle, layer.postAttentionNorm, s.inverse2, t, h, g.postAttentionNorm);
      for (int i = 0; i < dx.length; i++) {
        dMiddle[i] += dx[i];
      }
      // attention
      float[] dAttended = new float[t * c.qDim()];
      backend.matmulAccumulate(dAttended, dMiddle, layer.o, t, h, c.qDim());
      backend.weightGradient(g.o, dMiddle, s.attended, t, c.qDim(), h);
      float[] dq = new float[t * c.qDim()];
      float[] dk = new float[t * c.kvDim()];
      float[] dv = new float[t * c.kvDim()];
      Ops.attentionBackward(dAttended, s.qRot, s.kRot, s.v, s.probs, layout, c.numHeads(), c.numKvHeads(), c.headDim(), dq, dk,
          dv);
      Ops.rope(dq, layout, c.numHeads(), c.headDim(), c.ropeTheta(), true);
      Ops.rope(dk, layout, c.numKvHeads(), c.headDim(), c.ropeTheta(), true);
      if (layer.qNorm != null) {
        dq = Ops.rmsNormBackward(dq, s.qRaw, layer.qNorm, s.qInverse, t * c.numHeads(), c.headDim(), g.qNorm);
        dk = Ops.rmsNormBackward(dk, s.kRaw, layer.kNorm, s.kInverse, t * c.numKvHeads(), c.headDim(), g.kNorm);
      }
      float[] dNormed1 = new float[t * h];
      backend.matmulAccumulate(dNormed1, dq, layer.q, t, c.qDim(), h);
      backend.matmulAccumulate(dNormed1, dk, layer.k, t, c.kvDim(), h);
      backend.matmulAccumulate(dNormed1, dv, layer.v, t, c.kvDim(), h);
      backend.weightGradient(g.q, dq, s.normed1, t, h, c.qDim());
      backend.weightGradient(g.k, dk, s.normed1, t, h, c.kvDim());
      backend.weightGradient(g.v, dv, s.normed1, t, h, c.kvDim());
      if (g.qBias != null) {
        Ops.biasGradient(g.qBias, dq, t, c.qDim());
        Ops.biasGradient(g.kBias, dk, t, c.kvDim());
        Ops.biasGradient(g.vBias, dv, t, c.kvDim());
      }
      float[] dInput = Ops.rmsNormBackward(dNormed1, s.input, layer.inputNorm, s.inverse1, t, h, g.inputNorm);
      for (int i = 0; i < dInput.length; i++) {
        dInput[i] += dMiddle[i];
      }
      dx = dInput;
    }
    for (int i = 0; i < t; i++) {
      int row = tokens[i] * h;
      for (int d = 0; d < h; d++) {
        grads.embedding[row + d] += dx[i * h + d];
      }
    }
  }

  public Transformer model() {
    return model;
  }
}
