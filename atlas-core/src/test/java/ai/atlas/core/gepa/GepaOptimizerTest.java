package ai.atlas.core.gepa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GepaOptimizerTest {

  private static Candidate candidate(int id, double... scores) {
    return new Candidate(id, Map.of("t", "p" + id), id == 0 ? List.of() : List.of(0), "t", scores);
  }

  @Test
  void theParetoFrontKeepsCandidatesBestSomewhereAndDropsDominatedOnes() {
    CandidatePool pool = new CandidatePool(List.of(
        candidate(0, 0.5, 0.5, 0.5),
        candidate(1, 1.0, 0.2, 0.5), // best on instance 0, ties on 2
        candidate(2, 0.2, 1.0, 0.1), // best on instance 1
        candidate(3, 1.0, 0.2, 0.4), // ties 1 on instance 0, but 1 dominates it
        candidate(4, 0.1, 0.1, 0.1))); // best nowhere
    assertThat(pool.paretoFront()).extracting(Candidate::id).containsExactly(0, 1, 2);
    assertThat(pool.wins(pool.get(1))).isEqualTo(2);
    assertThat(pool.wins(pool.get(0))).isEqualTo(1);
    assertThat(pool.best().id()).isEqualTo(1); // mean 0.567

    int[] drawn = new int[5];
    Random random = new Random(3);
    for (int i = 0; i < 4000; i++) {
      drawn[pool.select(CandidatePool.Selection.PARETO, 0, random).id()]++;
    }
    assertThat(drawn[3]).isZero();
    assertThat(drawn[4]).isZero();
    // in proportion to the instances won: 1 : 2 : 1
    assertThat(drawn[1] / 4000.0).isBetween(0.45, 0.55);
    assertThat(drawn[0] / 4000.0).isBetween(0.2, 0.3);
    assertThat(pool.select(CandidatePool.Selection.CURRENT_BEST, 0, random).id()).isEqualTo(1);
    assertThat(pool.select(CandidatePool.Selection.EPSILON_GREEDY, 0, random).id()).isEqualTo(1);
    assertThat(CandidatePool.Selection.of("current_best")).isEqualTo(CandidatePool.Selection.CURRENT_BEST);
    assertThatThrownBy(() -> CandidatePool.Selection.of("random")).hasMessageContaining("pareto, current_best or epsilon_greedy");
  }

  /** Tasks scored 1 when the prompts hold the hint their id names, else 0; every call counted. */
  private static final class ScriptedTasks implements GepaEvaluator {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Outcome evaluate(Map<String, String> prompts, GepaTask task) {
      calls.incrementAndGet();
      boolean right = String.join(" ", prompts.values()).contains(task.reference());
      return new Outcome(right ? 1 : 0, task.task(), right ? task.reference() : "wrong", right ? "correct" : "missing: " + task.reference());
    }
  }

  /** A reflection model that adds to the template the first hint the feedback says is missing. */
  private static final Reflector READS_FEEDBACK = (template, current, outcomes) -> outcomes.stream()
      .filter(o -> o.feedback().startsWith("missing: ")).map(o -> current + " " + o.feedback().substring("missing: ".length()))
      .findFirst().orElse(current);

  private static List<GepaTask> tasks(String prefix, String... hints) {
    List<GepaTask> tasks = new ArrayList<>();
    for (int i = 0; i < hints.length; i++) {
      tasks.add(new GepaTask(prefix + i, "task " + i, hints[i]));
    }
    return tasks;
  }

  @Test
  void aReflectionThatReadsTheFeedbackFindsABetterPromptWithinTheBudgetAndEveryCallIsCounted() {
    ScriptedTasks evaluator = new ScriptedTasks();
    Budget budget = new Budget(60, 0);
    GepaOptimizer gepa = new GepaOptimizer(new GepaOptimizer.Settings(List.of("teacher.guidance"), 3, CandidatePool.Selection.PARETO,
        0, 0, 7), tasks("train", "carry", "units", "carry", "units"), tasks("val", "carry", "units", "check"), evaluator,
        READS_FEEDBACK, budget);

    Candidate seed = gepa.start(Map.of("teacher.guidance", "Help the student."));
    assertThat(seed.mean()).isZero();
    List<GepaOptimizer.Iteration> iterations = new ArrayList<>();
    Optional<GepaOptimizer.Iteration> next;
    while ((next = gepa.step()).isPresent()) {
      iterations.add(next.get());
    }

    assertThat(evaluator.calls.get()).isEqualTo(budget.spent()).isLessThanOrEqualTo(60);
    assertThat(budget.remaining()).isLessThan(2 * 3 + 3); // stopped because the next step would not fit
    Candidate best = gepa.pool().best();
    assertThat(best.mean()).isEqualTo(2 / 3.0); // "check" never appears in training feedback
    assertThat(best.prompts().get("teacher.guidance")).contains("carry").contains("units");
    assertThat(iterations).filteredOn(GepaOptimizer.Iteration::accepted).allSatisfy(i -> {
      assertThat(i.childScore()).isGreaterThan(i.parentScore());
      assertThat(i.child()).isNotNull();
    });
    assertThat(iterations).anyMatch(i -> !i.accepted()); // once nothing is missing, rewrites change nothing and are refused
    assertThat(gepa.pool().size()).isEqualTo(1 + iterations.stream().filter(GepaOptimizer.Iteration::accepted).count());
  }

  @Test
  void aChildNoBetterOnTheMinibatchIsRefusedAndNeverScoredOnTheValidationSet() {
    ScriptedTasks evaluator = new ScriptedTasks();
    GepaOptimizer gepa = new GepaOptimizer(new GepaOptimizer.Settings(List.of("t"), 2, CandidatePool.Selection.CURRENT_BEST, 0, 0, 1),
        tasks("train", "a", "a"), tasks("val", "a"), evaluator, (template, current, outcomes) -> current + " irrelevant",
        new Budget(100, 0));
    gepa.start(Map.of("t", "start"));

    GepaOptimizer.Iteration iteration = gepa.step().orElseThrow();

    assertThat(iteration.accepted()).isFalse();
    assertThat(iteration.childScore()).isEqualTo(iteration.parentScore());
    assertThat(gepa.pool().size()).isEqualTo(1);
    assertThat(evaluator.calls.get()).isEqualTo(1 + 2 + 2); // seed on validation, parent and child on the minibatch
  }

  @Test
  void lineagesThatChangedDifferentTemplatesAreMerged() {
    ScriptedTasks evaluator = new ScriptedTasks();
    Map<String, String> seedPrompts = Map.of("student", "s", "teacher", "t");
    // a reflection that fixes the student with "alpha" and the teacher with "beta"
    Reflector reflector = (template, current, outcomes) -> current + (template.equals("student") ? " alpha" : " beta");
    GepaOptimizer gepa = new GepaOptimizer(new GepaOptimizer.Settings(List.of("student", "teacher"), 2, CandidatePool.Selection.PARETO,
        0, 2, 5), tasks("train", "alpha", "beta"), tasks("val", "alpha", "beta"), evaluator, reflector, new Budget(200, 0));
    Candidate seed = gepa.start(seedPrompts);
    // two children of the seed, each better on one instance: the front holds both
    CandidatePool pool = new CandidatePool(List.of(seed,
        new Candidate(1, Map.of("student", "s alpha", "teacher", "t"), List.of(0), "student", new double[] {1, 0}),
        new Candidate(2, Map.of("student", "s", "teacher", "t beta"), List.of(0), "teacher", new double[] {0, 1})));
    gepa.resume(pool, 2);

    GepaOptimizer.Iteration merge = gepa.step().orElseThrow();

    assertThat(merge.kind()).isEqualTo("merge");
    assertThat(merge.accepted()).isTrue();
    Candidate merged = gepa.pool().get(merge.child());
    assertThat(merged.parents()).containsExactly(1, 2);
    assertThat(merged.prompts()).isEqualTo(Map.of("student", "s alpha", "teacher", "t beta"));
    assertThat(merged.mean()).isEqualTo(1.0);
    assertThat(gepa.pool().paretoFront()).extracting(Candidate::id).containsExactly(merge.child());
  }

  @Test
  void aResumedRunContinuesExactlyAsTheUninterruptedOne() {
    GepaOptimizer.Settings settings = new GepaOptimizer.Settings(List.of("t"), 2, CandidatePool.Selection.PARETO, 0, 3, 11);
    List<GepaTask> train = tasks("train", "a", "b", "c", "d");
    List<GepaTask> validation = tasks("val", "a", "b", "c", "d");
    GepaOptimizer straight = new GepaOptimizer(settings, train, validation, new ScriptedTasks(), READS_FEEDBACK, new Budget(80, 0));
    straight.start(Map.of("t", "go"));
    List<GepaOptimizer.Iteration> all = new ArrayList<>();
    straight.step().ifPresent(all::add);
    straight.step().ifPresent(all::add);
    straight.step().ifPresent(all::add);
    straight.step().ifPresent(all::add);

    GepaOptimizer first = new GepaOptimizer(settings, train, validation, new ScriptedTasks(), READS_FEEDBACK, new Budget(80, 0));
    first.start(Map.of("t", "go"));
    first.step();
    first.step();
    GepaOptimizer resumed = new GepaOptimizer(settings, train, validation, new ScriptedTasks(), READS_FEEDBACK,
        new Budget(80, first.budget().spent()));
    resumed.resume(new CandidatePool(first.pool().all()), first.iterations());
    List<GepaOptimizer.Iteration> rest = new ArrayList<>();
    resumed.step().ifPresent(rest::add);
    resumed.step().ifPresent(rest::add);

    assertThat(rest).isEqualTo(all.subList(2, 4));
    assertThat(resumed.budget().spent()).isEqualTo(straight.budget().spent());
    assertThat(resumed.pool().all()).extracting(Candidate::prompts).isEqualTo(
        straight.pool().all().stream().map(Candidate::prompts).toList());
  }

  @Test
  void theReflectionModelSeesTheCurrentTextAndOutcomesAndItsFencedReplyIsTheNewText() {
    List<String> asked = new ArrayList<>();
    ai.atlas.spi.ChatModel model = request -> {
      asked.add(request.messages().get(0).content());
      return new ai.atlas.spi.ChatResponse(ai.atlas.spi.ChatMessage.assistant("Here it is:\n```\nCheck {{answer}} twice.\n```\nDone."),
          null, List.of(), "stop");
    };
    ChatReflector reflector = new ChatReflector(model, ai.atlas.core.profile.PromptTemplates.defaults());

    String rewritten = reflector.rewrite("teacher.validation", "Check {{answer}}.",
        List.of(new GepaEvaluator.Outcome(0, "6*7?", "41", "the answer is wrong: expected 42")));

    assertThat(rewritten).isEqualTo("Check {{answer}} twice.");
    assertThat(asked.get(0)).contains("\"teacher.validation\"").contains("Check {{answer}}.").contains("Task: 6*7?")
        .contains("Answer: 41").contains("Score: 0.00").contains("expected 42");
    assertThat(ChatReflector.parse("just this")).isEqualTo("just this");
  }

  @Test
  void theReportNamesTheBestCandidateTheImprovementTheFrontAndTheBudget() {
    CandidatePool pool = new CandidatePool(List.of(candidate(0, 0, 0.5), candidate(1, 1, 0.5)));
    jakarta.json.JsonObject report = GepaReport.of("p", List.of("t"), pool,
        List.of(new GepaOptimizer.Iteration(0, "mutation", 0, null, "t", 1, 2, true, 1)), new Budget(50, 12), true);
    assertThat(report.getJsonObject("best").getInt("id")).isEqualTo(1);
    assertThat(report.getJsonNumber("initialScore").doubleValue()).isEqualTo(0.25);
    assertThat(report.getJsonNumber("improvement").doubleValue()).isEqualTo(0.5);
    assertThat(report.getJsonArray("paretoFront").getInt(0)).isEqualTo(1);
    assertThat(report.getJsonArray("candidates")).hasSize(2);
    assertThat(report.getJsonArray("iterations").getJsonObject(0).getInt("child")).isEqualTo(1);
    assertThat(report.getJsonObject("budget").getInt("spent")).isEqualTo(12);
    assertThat(report.getBoolean("complete")).isTrue();
  }

  @Test
  void aBudgetThatCannotScoreTheSeedIsRefused() {
    GepaOptimizer gepa = new GepaOptimizer(new GepaOptimizer.Settings(List.of("t"), 2, CandidatePool.Selection.PARETO, 0, 0, 1),
        tasks("train", "a"), tasks("val", "a", "b"), new ScriptedTasks(), READS_FEEDBACK, new Budget(1, 0));
    assertThatThrownBy(() -> gepa.start(new HashMap<>(Map.of("t", "x")))).hasMessageContaining("does not cover scoring the seed");
    assertThatThrownBy(() -> new GepaOptimizer(new GepaOptimizer.Settings(List.of("t"), 2, CandidatePool.Selection.PARETO, 0, 0, 1),
        tasks("train", "a"), tasks("val", "a"), new ScriptedTasks(), READS_FEEDBACK, new Budget(10, 0)).start(Map.of("u", "x")))
        .hasMessageContaining("no template 't'");
  }
}
