package ai.atlas.core.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.profile.RewardSettings;
import ai.atlas.core.reward.RewardEvaluator.Request;
import ai.atlas.core.reward.RewardEvaluator.WeightedJudge;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.Judgement;
import ai.atlas.spi.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ensemble, escalation, caps and weights with scripted judge models. */
class RewardEvaluatorTest {

  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /** A model whose answer depends on the judge named in the prompt and the temperature. */
  static final class ScriptedJudges implements ChatModel {
    final Map<String, Function<Double, String>> byJudge = new ConcurrentHashMap<>();
    final List<String> prompts = Collections.synchronizedList(new ArrayList<>());

    ScriptedJudges answer(String judge, Function<Double, String> reply) {
      byJudge.put(judge, reply);
      return this;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      String prompt = request.messages().get(0).content();
      prompts.add(prompt);
      double temperature = request.options().temperature();
      for (Map.Entry<String, Function<Double, String>> e : byJudge.entrySet()) {
        if (prompt.contains(e.getKey())) {
          return new ChatResponse(ChatMessage.assistant(e.getValue().apply(temperature)), new TokenUsage(100, 20), null, "stop");
        }
      }
      throw new IllegalStateException("no script for " + prompt.substring(0, 60));
    }
  }

  private static String verdict(double score, double uncertainty) {
    return "{\"principles\": [{\"name\": \"correct\", \"weight\": 1.0, \"description\": \"right result\"}], \"score\": " + score
        + ", \"rationale\": \"scored " + score + "\", \"uncertainty\": " + uncertainty + "}";
  }

  private final ScriptedJudges small = new ScriptedJudges();
  private final ScriptedJudges arbiter = new ScriptedJudges();

  private Evaluation evaluate(RewardSettings settings, WeightedJudge... judges) {
    return new RewardEvaluator(small, arbiter, List.of(judges), settings, PromptTemplates.defaults(), executor)
        .evaluate(Request.of("What is 6*7?", "42", "42"));
  }

  private static WeightedJudge rubric(String name, double weight) {
    return new WeightedJudge(name, weight, null);
  }

  @Test
  void agreeingSamplesNeedNoArbiterAndTheLeastUncertainDecides() {
    small.answer("ACCURACY", t -> verdict(t < 0.3 ? 0.9 : 0.85, t < 0.6 ? 0.2 : 0.05));

    Evaluation result = evaluate(RewardSettings.DEFAULTS, rubric("accuracy", 1));

    assertThat(result.arbiterUsed()).isFalse();
    assertThat(arbiter.prompts).isEmpty();
    JudgeResult accuracy = result.judges().get(0);
    assertThat(accuracy.samples()).extracting(Sample::temperature).containsExactly(0.2, 0.5, 0.8);
    assertThat(accuracy.score()).isEqualTo(0.85); // the 0.8 sample is the least uncertain
    assertThat(accuracy.uncertainty()).isEqualTo(0.05);
    assertThat(accuracy.principles()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("correct"));
    assertThat(result.score()).isEqualTo(0.85);
    assertThat(result.usage()).isEqualTo(new TokenUsage(300, 60));
    assertThat(result.calls()).hasSize(3).allSatisfy(c -> assertThat(c.prompt()).contains("What is 6*7?"));
  }

  @Test
  void theMeanRuleAveragesTheSamples() {
    small.answer("ACCURACY", t -> verdict(t < 0.3 ? 0.9 : t < 0.6 ? 0.8 : 0.7, 0.1));
    RewardSettings mean = new RewardSettings(List.of(0.2, 0.5, 0.8), 0.15, 0.3, RewardSettings.Selection.MEAN,
        Duration.ofSeconds(5), 0.3, 0.1);

    assertThat(evaluate(mean, rubric("accuracy", 1)).score()).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void disagreeingSamplesGoToTheArbiterWhoseScoreCounts() {
    small.answer("HELPFULNESS", t -> verdict(t < 0.3 ? 0.1 : 0.9, 0.1));
    arbiter.answer("arbitrate", t -> "Having read both: ```json\n" + verdict(0.6, 0.1) + "\n```");

    Evaluation result = evaluate(RewardSettings.DEFAULTS, rubric("helpfulness", 1));

    assertThat(result.arbiterUsed()).isTrue();
    assertThat(result.arbiterReasons()).singleElement().asString().contains("the samples disagree (standard deviation 0.377 > 0.150)");
    assertThat(result.score()).isEqualTo(0.6);
    assertThat(arbiter.prompts).singleElement().asString().contains("score 0.100").contains("score 0.900");
    assertThat(result.calls()).extracting(JudgeCall::kind).containsExactly("sample", "sample", "sample", "arbiter");
  }

  @Test
  void anUnsureSampleGoesToTheArbiter() {
    small.answer("PROCESS", t -> verdict(0.7, t > 0.7 ? 0.5 : 0.1));
    arbiter.answer("arbitrate", t -> verdict(0.75, 0.1));

    Evaluation result = evaluate(RewardSettings.DEFAULTS, rubric("process", 1));

    assertThat(result.judges().get(0).escalationReason()).isEqualTo("a sample is unsure (uncertainty 0.500 > 0.300)");
    assertThat(result.score()).isEqualTo(0.75);
  }

  @Test
  void unparsableSamplesAreDroppedAndCountedNeverScoredZero() {
    small.answer("ACCURACY", t -> t < 0.3 ? "I think it is fine." : t < 0.6 ? verdict(0.8, 0.1) : "{\"score\": 8}");

    Evaluation result = evaluate(RewardSettings.DEFAULTS, rubric("accuracy", 1));

    assertThat(result.judges().get(0).droppedSamples()).isEqualTo(2);
    assertThat(result.droppedSamples()).isEqualTo(2);
    assertThat(result.score()).isEqualTo(0.8);
    assertThat(result.judges().get(0).samples()).extracting(Sample::failure)
        .containsExactly("no JSON object in the answer", null, "no score in [0, 1]");
  }

  @Test
  void whenNoSampleParsesTheArbiterDecidesAndWithoutItTheJudgeHasNoScore() {
    small.answer("DIAGNOSE", t -> "no idea");
    arbiter.answer("arbitrate", t -> verdict(0.4, 0.2));

    Evaluation decided = evaluate(RewardSettings.DEFAULTS, rubric("diagnostic", 1));
    assertThat(decided.judges().get(0).escalationReason()).isEqualTo("no sample parsed");
    assertThat(decided.score()).isEqualTo(0.4);

    arbiter.answer("arbitrate", t -> "still no idea");
    Evaluation undecided = evaluate(RewardSettings.DEFAULTS, rubric("diagnostic", 1));
    assertThat(undecided.score()).isNull();
    assertThat(undecided.judges().get(0).escalationReason()).contains("the arbiter's answer was not usable");
  }

  @Test
  void aSampleThatTimesOutIsDropped() {
    small.answer("ACCURACY", t -> {
      if (t > 0.7) {
        try {
          Thread.sleep(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return verdict(0.9, 0.1);
    });
    RewardSettings quick = new RewardSettings(List.of(0.2, 0.5, 0.8), 0.15, 0.3, RewardSettings.Selection.LEAST_UNCERTAIN,
        Duration.ofMillis(500), 0.3, 0.1);

    Evaluation result = evaluate(quick, rubric("accuracy", 1));

    assertThat(result.judges().get(0).droppedSamples()).isEqualTo(1);
    assertThat(result.judges().get(0).samples().get(2).failure()).isEqualTo("no answer within 500 ms");
    assertThat(result.score()).isEqualTo(0.9);
  }

  @Test
  void consistencyCapsApplyAndAreNotedInTheRationale() {
    small.answer("ACCURACY", t -> verdict(0.3, 0.1))
        .answer("PROCESS", t -> verdict(0.9, 0.1))
        .answer("HELPFULNESS", t -> verdict(0.8, 0.1));

    Evaluation result = evaluate(RewardSettings.DEFAULTS, rubric("accuracy", 1), rubric("process", 1), rubric("helpfulness", 1));

    assertThat(result.judges()).extracting(JudgeResult::score).containsExactly(0.3, 0.4, 0.5);
    assertThat(result.rationale()).contains("process capped from 0.900 to 0.400 (accuracy 0.300 + 0.1)")
        .contains("helpfulness capped from 0.800 to 0.5 (process 0.400 < 0.5)");
    assertThat(result.score()).isCloseTo((0.3 + 0.4 + 0.5) / 3, within(1e-12));
  }

  @Test
  void theRewardIsTheWeightedMeanOfTheJudgesThatScored() {
    small.answer("ACCURACY", t -> verdict(1.0, 0.0));
    WeightedJudge exact = new WeightedJudge("exact", 3, new ai.atlas.spi.Judge() {
      @Override
      public Judgement judge(ai.atlas.spi.Interaction interaction) {
        return Judgement.certain(0.0, "not exact");
      }
    });
    WeightedJudge broken = new WeightedJudge("broken", 5, interaction -> {
      throw new ai.atlas.spi.PluginException("down");
    });

    Evaluation result = evaluate(RewardSettings.DEFAULTS, rubric("accuracy", 1), exact, broken);

    assertThat(result.score()).isEqualTo(0.25); // (1 * 1.0 + 3 * 0.0) / 4; the broken judge does not count
    assertThat(result.judges().get(2).score()).isNull();
    assertThat(result.judges().get(2).rationale()).contains("down");
  }

  @Test
  void parallelWorkersBoundTheSamplesAskedAtOnce() {
    java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
    small.answer("ACCURACY", t -> {
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Thread.sleep(150);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      return verdict(0.9, 0.1);
    });
    RewardSettings one = RewardSettings.from(java.util.Map.of("parallel_workers", 1));

    evaluate(one, rubric("accuracy", 1));
    assertThat(most.get()).isEqualTo(1);

    most.set(0);
    evaluate(RewardSettings.DEFAULTS, rubric("accuracy", 1));
    assertThat(most.get()).as("the three temperatures at once").isEqualTo(3);
  }
}
