package ai.atlas.model.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.model.ModelException;
import ai.atlas.model.backend.CpuBackend;
import ai.atlas.model.io.ModelConfig;
import ai.atlas.model.io.ModelInit;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.objective.Advantages;
import ai.atlas.model.objective.CpuGrpoObjective;
import ai.atlas.model.objective.LossType;
import ai.atlas.model.tasks.ArithmeticTasks;
import ai.atlas.model.tokenizer.ByteTokenizer;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.model.train.LearningRate;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrpoTrainerTest {

  @TempDir Path temp;

  private static final ModelConfig SMALL = ModelConfig.parse("""
      {"architectures": ["LlamaForCausalLM"], "hidden_size": 32, "intermediate_size": 64, "num_attention_heads": 4,
       "num_key_value_heads": 2, "num_hidden_layers": 2, "vocab_size": 263, "max_position_embeddings": 128,
       "tie_word_embeddings": true}""");

  /** Dense enough for a random model to learn from: the share of a completion's characters that are lowercase letters. */
  private static final GrpoRewards LOWERCASE = (prompt, completions) -> GrpoRewards.Scores.of(completions.stream()
      .mapToDouble(c -> c.isEmpty() ? 0 : c.chars().filter(ch -> ch >= 'a' && ch <= 'z').count() / (double) c.length()).toArray());

  private static GrpoSettings settings(LossType loss, double beta, int iterations, int microBatch, int refSync, double lr) {
    return new GrpoSettings(4, 1.0, 6, false, loss, beta, 0.2, 0.28, Advantages.Scale.GROUP, iterations,
        new LearningRate(lr, 0, 100, LearningRate.Shape.CONSTANT, 1.0), 0, 0.0, microBatch, refSync, 0.5, 7);
  }

  private static GrpoTrainer trainer(GrpoSettings settings) {
    Transformer policy = Transformer.load(ModelInit.initialise(SMALL, 3), new CpuBackend(2));
    Transformer reference = settings.beta() > 0 ? Transformer.load(ModelInit.initialise(SMALL, 3), new CpuBackend(2)) : null;
    return new GrpoTrainer(policy, reference, new ByteTokenizer(), ChatFormat.SIMPLE, settings, new CpuGrpoObjective());
  }

  private static List<GrpoPrompt> prompts(int step) {
    return ArithmeticTasks.generate(ArithmeticTasks.Split.TRAIN, 1, 2, 100 + step).stream()
        .map(t -> GrpoPrompt.of(t.question(), t.answer())).toList();
  }

  private static float[] flat(Transformer.Weights weights) {
    List<float[]> parameters = weights.parameters();
    int n = parameters.stream().mapToInt(p -> p.length).sum();
    float[] out = new float[n];
    int at = 0;
    for (float[] p : parameters) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** ‖actual − expected‖ / ‖expected‖, with a non-zero expected gradient required. */
  private static double relativeError(float[] expected, float[] actual) {
    double norm = 0;
    double error = 0;
    for (int i = 0; i < expected.length; i++) {
      norm += expected[i] * expected[i];
      error += (expected[i] - actual[i]) * (expected[i] - actual[i]);
    }
    assertThat(norm).as("the expected gradient").isPositive();
    return Math.sqrt(error / norm);
  }

  @Test
  void aRunRestoredFromItsSavedStateEndsWithExactlyTheWeightsOfAnUninterruptedRun() {
    GrpoSettings settings = settings(LossType.BNPO, 0.1, 2, 3, 2, 1e-2);
    GrpoTrainer straight = trainer(settings);
    for (int step = 0; step < 5; step++) {
      straight.update(straight.rollout(prompts(step), LOWERCASE));
    }

    GrpoTrainer first = trainer(settings);
    for (int step = 0; step < 3; step++) {
      first.update(first.rollout(prompts(step), LOWERCASE));
    }
    Properties position = new Properties();
    position.setProperty("reader", "3");
    first.save(temp.resolve("state"), position);
    GrpoTrainer resumed = trainer(settings);
    Properties counters = resumed.restore(temp.resolve("state"));
    assertThat(counters.getProperty("reader")).isEqualTo("3");
    assertThat(resumed.steps()).isEqualTo(3);
    for (int step = 3; step < 5; step++) {
      resumed.update(resumed.rollout(prompts(step), LOWERCASE));
    }

    assertThat(flat(resumed.policy().weights())).containsExactly(flat(straight.policy().weights()));
    assertThat(flat(first.policy().weights())).isNotEqualTo(flat(straight.policy().weights()));
  }

  @Test
  void micro_batchesGiveTheGradientOfTheWholeBatchForEveryLossType() {
    for (LossType loss : LossType.values()) {
      GrpoTrainer whole = trainer(settings(loss, 0.1, 1, 8, 0, 1e-3));
      GrpoTrainer split = trainer(settings(loss, 0.1, 1, 3, 0, 1e-3));
      GrpoTrainer.ScoredBatch batch = whole.rollout(prompts(0), LOWERCASE);
      assertThat(batch.rollouts()).hasSize(8);
      assertThat(batch.advantages()).isNotEqualTo(new double[8]);

      GrpoTrainer.StepMetrics a = whole.update(batch);
      GrpoTrainer.StepMetrics b = split.update(batch);

      assertThat(relativeError(flat(whole.gradients()), flat(split.gradients()))).as(loss.name()).isLessThan(1e-5);
      assertThat(b.loss()).as(loss.name()).isCloseTo(a.loss(), org.assertj.core.data.Offset.offset(1e-6));
      assertThat(b.entropy()).as(loss.name()).isCloseTo(a.entropy(), org.assertj.core.data.Offset.offset(1e-9));
      assertThat(a.kl()).as("the reference starts as the policy").isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void aGroupPackedAfterItsSharedPromptGivesTheGradientOfSeparateSequences() {
    GrpoTrainer packed = trainer(settings(LossType.GRPO, 0.1, 1, 8, 0, 1e-3));
    GrpoTrainer separate = trainer(settings(LossType.GRPO, 0.1, 1, 1, 0, 1e-3));
    GrpoTrainer.ScoredBatch batch = packed.rollout(prompts(1), LOWERCASE);
    List<PromptPack> packs = PromptPack.of(batch.rollouts(), 0, 8);
    assertThat(packs).extracting(p -> p.count).containsExactly(4, 4);
    assertThat(PromptPack.of(batch.rollouts(), 0, 1)).extracting(p -> p.count).containsExactly(1);

    GrpoTrainer.StepMetrics a = packed.update(batch);
    GrpoTrainer.StepMetrics b = separate.update(batch);

    assertThat(relativeError(flat(separate.gradients()), flat(packed.gradients()))).isLessThan(1e-5);
    assertThat(a.loss()).isCloseTo(b.loss(), org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void longCompletionsOfAShortPromptAreNotPackedPastTheSeparateSequencesAttention() {
    int[] prompt = {1, 2};
    List<Rollout> rollouts = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      rollouts.add(new Rollout(GrpoPrompt.of("q", "a"), prompt, new int[40], "", false));
    }
    // 2 + 39 rows alone; 2 + 78 packed: 6400 > 2 × 1681, so each stays alone
    assertThat(PromptPack.of(rollouts, 0, 4)).extracting(p -> p.count).containsExactly(1, 1, 1, 1);
    rollouts.replaceAll(r -> new Rollout(r.prompt(), new int[40], new int[3], "", false));
    assertThat(PromptPack.of(rollouts, 0, 4)).extracting(p -> p.count).containsExactly(4);
  }

  @Test
  void thePolicyLearnsWhatTheRewardAsksFor() {
    GrpoTrainer trainer = trainer(settings(LossType.DAPO, 0.0, 1, 8, 0, 2e-2));
    double early = 0;
    double late = 0;
    for (int step = 0; step < 30; step++) {
      GrpoTrainer.StepMetrics m = trainer.update(trainer.rollout(prompts(step), LOWERCASE));
      assertThat(m.step()).isEqualTo(step);
      assertThat(m.completionLength()).isBetween(1.0, 6.0);
      if (step < 5) {
        early += m.rewardMean() / 5;
      } else if (step >= 25) {
        late += m.rewardMean() / 5;
      }
    }
    assertThat(late).isGreaterThan(early + 0.2);
  }

  @Test
  void completionsEndWithTheMarkerThatEndedThemAndTruncatedOnesCanBeMaskedOut() {
    GrpoSettings masked = new GrpoSettings(4, 1.0, 3, true, LossType.GRPO, 0.0, 0.2, 0.2, Advantages.Scale.NONE, 1,
        new LearningRate(1e-2, 0, 10, LearningRate.Shape.CONSTANT, 1.0), 1.0, 0.0, 4, 0, 0.5, 1);
    GrpoTrainer trainer = trainer(masked);
    GrpoTrainer.ScoredBatch batch = trainer.rollout(prompts(0), LOWERCASE);
    for (Rollout r : batch.rollouts()) {
      assertThat(r.completionTokens().length).isLessThanOrEqualTo(4);
      if (r.truncated()) {
        assertThat(r.completionTokens()).hasSize(3);
      }
    }
    // a random model almost never ends within 3 tokens: all are truncated, nothing is trained
    assertThat(batch.rollouts()).allMatch(Rollout::truncated);
    GrpoTrainer.StepMetrics m = trainer.update(batch);
    assertThat(m.truncatedFraction()).isEqualTo(1.0);
    assertThat(m.gradNorm()).isZero();
  }

  @Test
  void aPromptTooLongForTheModelKeepsItsEndAndLeavesTheCompletionItsRoom() {
    GrpoTrainer trainer = trainer(settings(LossType.GRPO, 0.0, 1, 4, 0, 1e-3));
    GrpoPrompt longPrompt = GrpoPrompt.of("x".repeat(300) + " How many?", "3");
    int[] tokens = trainer.promptTokens(longPrompt);
    assertThat(tokens).hasSize(128 - 6);
    assertThat(new ByteTokenizer().decode(tokens)).endsWith("How many?<|end|>\n<|assistant|>\n");
    GrpoTrainer.ScoredBatch batch = trainer.rollout(List.of(longPrompt), LOWERCASE);
    assertThat(batch.rollouts()).allSatisfy(r -> assertThat(r.promptTokens().length + r.completionTokens().length).isLessThanOrEqualTo(129));
    assertThat(trainer.update(batch).tokens()).isPositive();
  }

  @Test
  void theDatasetLinesOfEveryLayoutBecomePromptsWithTheirReference() {
    assertThat(GrpoDataset.parse("{\"prompt\": \"2+2?\", \"answer\": \"4\"}", 1)).isEqualTo(GrpoPrompt.of("2+2?", "4"));
    assertThat(GrpoDataset.parse("{\"prompt\": \"2+2?\", \"completion\": \"4\"}", 2)).isEqualTo(GrpoPrompt.of("2+2?", "4"));
    assertThat(GrpoDataset.parse("{\"messages\": [{\"role\": \"user\", \"content\": \"2+2?\"},"
        + " {\"role\": \"assistant\", \"content\": \"4\"}]}", 3)).isEqualTo(GrpoPrompt.of("2+2?", "4"));
    assertThat(GrpoDataset.parse("{\"prompt\": \"hi\"}", 4).answer()).isNull();
    assertThatThrownBy(() -> GrpoDataset.parse("{\"prompt\": ", 5)).hasMessage("line 5 is not a JSON object");
    assertThatThrownBy(() -> GrpoDataset.parse("{\"text\": \"x\"}", 6)).hasMessage("line 6 has neither a prompt nor messages");
    assertThatThrownBy(() -> GrpoDataset.parse("{\"messages\": [{\"role\": \"assistant\", \"content\": \"4\"}]}", 7))
        .hasMessage("line 7: no message comes before the assistant's");
  }

  @Test
  void theVerifiableRewardComparesNumbersByValueAndTextByContent() {
    GrpoRewards.Scores scores = new VerifiableReward().score(GrpoPrompt.of("3 + 4?", "7"), List.of("7", "7 apples", "7.0", "17", "", "seven"));
    assertThat(scores.rewards()).containsExactly(1, 1, 1, 0, 0, 0);
    assertThat(VerifiableReward.matches(" Paris ", "paris")).isTrue();
    assertThat(VerifiableReward.matches("Lyon", "Paris")).isFalse();
    assertThat(VerifiableReward.matches("7", null)).isFalse();
    GrpoRewards.Scores partial = new VerifiableReward(0.5).score(GrpoPrompt.of("3 + 4?", "10"),
        List.of("10", "9 apples", "15", "30", "none"));
    assertThat(partial.rewards()).containsExactly(1.0, 0.45, 0.25, 0.0, 0.0);
  }

  @Test
  void settingsThatCannotWorkAreRefused() {
    assertThatThrownBy(() -> new GrpoSettings(1, 1.0, 6, false, LossType.GRPO, 0, 0.2, 0.2, Advantages.Scale.GROUP, 1,
        new LearningRate(1e-3, 0, 10, LearningRate.Shape.CONSTANT, 1.0), 1, 0, 4, 0, 0.5, 1))
        .isInstanceOf(ModelException.class).hasMessageContaining("at least 2 generations");
    Transformer policy = Transformer.load(ModelInit.initialise(SMALL, 3), new CpuBackend(1));
    assertThatThrownBy(() -> new GrpoTrainer(policy, null, new ByteTokenizer(), ChatFormat.SIMPLE, settings(LossType.GRPO, 0.1, 1, 4, 0, 1e-3),
        new CpuGrpoObjective())).hasMessageContaining("needs a reference model");
    assertThatThrownBy(() -> new GrpoTrainer(policy, policy, new ByteTokenizer(), ChatFormat.SIMPLE, settings(LossType.GRPO, 0.1, 1, 4, 0, 1e-3),
        new CpuGrpoObjective())).hasMessageContaining("its own copy");
  }
}
