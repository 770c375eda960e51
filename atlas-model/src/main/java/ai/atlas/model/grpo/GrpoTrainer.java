package ai.atlas.model.grpo;

import ai.atlas.model.ModelException;
import ai.atlas.model.generate.Generator;
import ai.atlas.model.generate.SamplingOptions;
import ai.atlas.model.nn.TrainingPass;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.objective.GrpoBatch;
import ai.atlas.model.objective.GrpoObjective;
import ai.atlas.model.objective.GrpoParams;
import ai.atlas.model.objective.GrpoResult;
import ai.atlas.model.objective.LossType;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.model.tokenizer.Tokenizer;
import ai.atlas.model.train.AdamW;
import ai.atlas.model.train.GradientClipping;
import ai.atlas.model.train.TrainingState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * GRPO on the model engine, one step per batch of prompts: {@link #rollout} samples
 * {@code numGenerations} completions of each prompt from the policy, scores them and computes the
 * group advantages; {@link #update} runs the policy (and the reference) over them in micro-batches,
 * computes the objective over the logits, back-propagates its gradient and steps AdamW. Every
 * sample's seed is derived from the run's seed, the step and the completion's place in the
 * batch, so a run restored from {@link #save} continues exactly as the uninterrupted run would.
 */
public final class GrpoTrainer {

  /** A step's sampled and scored completions, in groups of {@code numGenerations} per prompt. */
  public record ScoredBatch(List<Rollout> rollouts, double[] rewards, double[] advantages, int improved, int degraded,
      int compared, long samplingNanos, long scoringNanos) {}

  /** Where a step's time went, in milliseconds. */
  public record Timings(double sampling, double scoring, double forward, double objective, double backward, double optimizer) {
    public double total() {
      return sampling + scoring + forward + objective + backward + optimizer;
    }
  }

  /**
   * A step's metrics: the loss, the rewards' mean and standard deviation, the mean k3 KL against the
   * reference, the share of clipped tokens, the policy's mean entropy, the mean completion
   * length, the share of truncated completions, the gradient's norm before clipping, the learning
   * rate, and, with a reward that compares with a baseline, the improvement and degradation rates.
   */
  public record StepMetrics(int step, double loss, double rewardMean, double rewardStd, double kl, double clipFraction,
      double entropy, double completionLength, double truncatedFraction, double gradNorm, double learningRate,
      Double improvementRate, Double degradationRate, int tokens, Timings timings) {}

  private static final String REFERENCE = "reference";

  private final Transformer policy;
  private final Transformer reference;
  private final Tokenizer tokenizer;
  private final ChatFormat format;
  private final GrpoSettings settings;
  private final GrpoObjective objective;
  private final Transformer.Weights grads;
  private final AdamW optimizer;
  private int step;
  /** The logits' gradient, handed to every micro-batch's objective (a new array each time is a zero-fill as large as the gradient). */
  private float[] logitGradient = new float[0];

  /** {@code reference} is a separate copy of the policy's weights, or null when beta is 0. */
  public GrpoTrainer(Transformer policy, Transformer reference, Tokenizer tokenizer, ChatFormat format, GrpoSettings settings,
      GrpoObjective objective) {
    if (settings.beta() > 0 && reference == null) {
      throw new ModelException("a KL penalty (beta > 0) needs a reference model");
    }
    if (reference != null && reference.weights() == policy.weights()) {
      throw new ModelException("the reference model must hold its own copy of the weights");
    }
    this.policy = policy;
    this.reference = reference;
    this.tokenizer = tokenizer;
    this.format = format;
    this.settings = settings;
    this.objective = objective;
    this.grads = policy.weights().zerosLike();
    this.optimizer = new AdamW(policy.weights().parameters(), 0.9, 0.99, 1e-8, settings.weightDecay());
  }

  /** Samples every prompt's group, scores each group with {@code rewards}, and computes the advantages. */
  public ScoredBatch rollout(List<GrpoPrompt> prompts, GrpoRewards rewards) {
    long started = System.nanoTime();
    List<Rollout> rollouts = sample(prompts);
    long sampled = System.nanoTime();
    int g = settings.numGenerations();
    double[] values = new double[rollouts.size()];
    int improved = 0;
    int degraded = 0;
    int compared = 0;
    for (int p = 0; p < prompts.size(); p++) {
      List<String> texts = rollouts.subList(p * g, (p + 1) * g).stream().map(Rollout::text).toList();
      GrpoRewards.Scores scores = rewards.score(prompts.get(p), texts);
      if (scores.rewards().length != g) {
        throw new ModelException("the reward gave " + scores.rewards().length + " scores for a group of " + g);
      }
      System.arraycopy(scores.rewards(), 0, values, p * g, g);
      improved += scores.improved();
      degraded += scores.degraded();
      compared += scores.compared();
    }
    double[] advantages = objective.advantages(values, g, settings.scaleRewards());
    return new ScoredBatch(rollouts, values, advantages, improved, degraded, compared, sampled - started, System.nanoTime() - sampled);
  }

  /** The completions of this step, {@code numGenerations} per prompt, each from its own seed. */
  public List<Rollout> sample(List<GrpoPrompt> prompts) {
    Generator generator = new Generator(policy, tokenizer);
    OptionalInt eos = tokenizer.eos();
    List<Rollout> rollouts = new ArrayList<>();
    for (int p = 0; p < prompts.size(); p++) {
      GrpoPrompt prompt = prompts.get(p);
      int[] promptTokens = promptTokens(prompt);
      List<SamplingOptions> each = new ArrayList<>();
      for (int i = 0; i < settings.numGenerations(); i++) {
        each.add(new SamplingOptions(settings.temperature(), 1.0, 0, seedOf(step, p, i), settings.maxCompletionLength(),
            List.of(format.stop())));
      }
      for (Generator.Generation generation : generator.generateEach(promptTokens, each)) { // the prompt runs once per group
        int[] tokens = generation.tokens();
        boolean truncated = !generation.finishReason().equals("stop");
        boolean endedByEos = !truncated && (tokens.length == 0 || !tokenizer.decode(tokens).contains(format.stop()));
        if (endedByEos && eos.isPresent()) {
          tokens = Arrays.copyOf(tokens, tokens.length + 1); // the policy chose to end: that choice is trained too
          tokens[tokens.length - 1] = eos.getAsInt();
        }
        rollouts.add(new Rollout(prompt, promptTokens, tokens, generation.text(), truncated));
      }
    }
    return rollouts;
  }

  /**
   * The prompt's tokens; a prompt too long to leave the completion its room in the model's
   * positions keeps its end (where the question is), as TRL's {@code max_prompt_length} does.
   */
  int[] promptTokens(GrpoPrompt prompt) {
    int[] tokens = tokenizer.encode(format.render(prompt.messages()));
    int positions = policy.config().maxPositions();
    int room = positions - Math.min(settings.maxCompletionLength(), positions / 2);
    return tokens.length <= room ? tokens : Arrays.copyOfRange(tokens, tokens.length - room, tokens.length);
  }

  /** A completion's sampling seed, from the run's seed and its place: a restarted run samples the same. */
  long seedOf(int atStep, int prompt, int generation) {
    long x = mix(settings.seed() ^ 0x5DEECE66DL);
    x = mix(x + atStep);
    x = mix(x + prompt);
    return mix(x + generation);
  }

  private static long mix(long z) { // SplitMix64's finaliser
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The optimizer step(s) on a scored batch; answers the step's metrics. */
  public StepMetrics update(ScoredBatch batch) {
    List<Rollout> rollouts = batch.rollouts();
    int n = rollouts.size();
    if (n == 0) {
      throw new ModelException("a GRPO step needs at least one completion");
    }
    float[][] masks = new float[n][];
    double active = 0;
    int tokens = 0;
    int truncated = 0;
    for (int i = 0; i < n; i++) {
      Rollout r = rollouts.get(i);
      masks[i] = new float[r.completionTokens().length];
      Arrays.fill(masks[i], settings.maskTruncated() && r.truncated() ? 0f : 1f);
      for (float m : masks[i]) {
        active += m;
      }
      tokens += r.completionTokens().length;
      truncated += r.truncated() ? 1 : 0;
    }
    GrpoParams params = new GrpoParams(settings.lossType(), settings.beta(), settings.temperature(), settings.epsilonLow(),
        settings.epsilonHigh(), settings.maxCompletionLength(), settings.lossType() == LossType.DAPO ? (int) Math.max(1, active) : null);
    float[][] refLogp = new float[n][];
    float[][] oldLogp = new float[n][];
    long[] nanos = new long[4]; // forward, objective, backward, optimizer
    double loss = 0;
    double klSum = 0;
    double clipSum = 0;
    double entropySum = 0;
    double gradNorm = 0;
    double lr = 0;
    for (int iteration = 0; iteration < settings.iterations(); iteration++) {
      grads.clear();
      for (int from = 0; from < n; from += settings.microBatch()) {
        int to = Math.min(n, from + settings.microBatch());
        MicroBatch micro = new MicroBatch(rollouts, masks, batch.advantages(), from, to);
        long t0 = System.nanoTime();
        TrainingPass[] passes = micro.forward(policy);
        if (iteration == 0 && reference != null && settings.beta() > 0) {
          micro.referenceLogProbs(reference, settings.temperature(), refLogp);
        }
        long t1 = System.nanoTime();
        GrpoBatch objectiveBatch = micro.batch(iteration == 0 ? null : oldLogp, reference == null ? null : refLogp);
        int gradientSize = objectiveBatch.b() * objectiveBatch.t() * objectiveBatch.v();
        if (logitGradient.length != gradientSize) {
          logitGradient = new float[gradientSize];
        }
        GrpoResult result = objective.compute(objectiveBatch, params, logitGradient);
        long t2 = System.nanoTime();
        double scale = micro.share(n, active, settings.lossType());
        micro.backward(passes, result.dLogits(), (float) scale, grads);
        long t3 = System.nanoTime();
        if (iteration == 0 && settings.iterations() > 1) {
          micro.keep(result.logp(), oldLogp); // the sampling policy's log-probs, for the later iterations' ratios
        }
        double microActive = micro.active();
        loss += result.loss() * scale;
        klSum += result.klMean() * microActive;
        clipSum += result.clipFraction() * microActive;
        entropySum += micro.entropy(settings.temperature());
        nanos[0] += t1 - t0;
        nanos[1] += t2 - t1;
        nanos[2] += t3 - t2;
      }
      long t4 = System.nanoTime();
      gradNorm += GradientClipping.clip(grads.parameters(), settings.clipNorm());
      lr = settings.schedule().at((int) optimizer.steps());
      optimizer.step(policy.weights().parameters(), grads.parameters(), lr);
      nanos[3] += System.nanoTime() - t4;
    }
    syncReference();
    int iterations = settings.iterations();
    double denominator = Math.max(1, active) * iterations;
    double[] rewardStats = meanAndStd(batch.rewards());
    Timings timings = new Timings(batch.samplingNanos() / 1e6, batch.scoringNanos() / 1e6, nanos[0] / 1e6, nanos[1] / 1e6,
        nanos[2] / 1e6, nanos[3] / 1e6);
    StepMetrics metrics = new StepMetrics(step, loss / iterations, rewardStats[0], rewardStats[1], klSum / denominator,
        clipSum / denominator, entropySum / denominator, tokens / (double) n, truncated / (double) n, gradNorm / iterations, lr,
        batch.compared() == 0 ? null : batch.improved() / (double) batch.compared(),
        batch.compared() == 0 ? null : batch.degraded() / (double) batch.compared(), tokens, timings);
    step++;
    return metrics;
  }

  /** Every {@code refSyncSteps} steps, moves the reference towards the policy by the mix factor. */
  private void syncReference() {
    if (reference == null || settings.refSyncSteps() == 0 || (step + 1) % settings.refSyncSteps() != 0) {
      return;
    }
    List<float[]> target = reference.weights().parameters();
    List<float[]> source = policy.weights().parameters();
    float alpha = (float) settings.refMixAlpha();
    for (int p = 0; p < target.size(); p++) {
      float[] r = target.get(p);
      float[] w = source.get(p);
      for (int i = 0; i < r.length; i++) {
        r[i] = alpha * w[i] + (1 - alpha) * r[i];
      }
    }
  }

  private static double[] meanAndStd(double[] values) {
    double mean = Arrays.stream(values).average().orElse(0);
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return new double[] {mean, values.length < 2 ? 0 : Math.sqrt(squares / (values.length - 1))};
  }

  /** Saves everything a restart needs: weights, optimizer, reference weights, the step (the sampling RNG's state) and {@code counters}. */
  public void save(Path dir, Properties counters) {
    Properties all = new Properties();
    all.putAll(counters);
    all.setProperty("step", Integer.toString(step));
    all.setProperty("seed", Long.toString(settings.seed()));
    TrainingState.save(dir, policy, optimizer, all, reference == null ? Map.of() : Map.of(REFERENCE, reference));
  }

  /** Restores a state {@link #save} wrote, and answers its counters. */
  public Properties restore(Path dir) {
    Properties counters = TrainingState.restore(dir, policy, optimizer);
    if (reference != null) {
      TrainingState.restoreModel(dir, REFERENCE, reference);
    }
    if (!Long.toString(settings.seed()).equals(counters.getProperty("seed"))) {
      throw new ModelException("the training state in " + dir + " was saved by a run with another seed");
    }
    step = Integer.parseInt(counters.getProperty("step"));
    return counters;
  }

  public int steps() {
    return step;
  }

  /** The last update's gradient (after clipping), for tests. */
  Transformer.Weights gradients() {
    return grads;
  }

  public Transformer policy() {
    return policy;
  }

}
