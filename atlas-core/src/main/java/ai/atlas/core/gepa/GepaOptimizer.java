package ai.atlas.core.gepa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The GEPA loop. {@link #start} scores the seed candidate on the validation set; each
 * {@link #step} either merges two lineages (every {@code mergeEvery} iterations, when two front
 * candidates descend from a common ancestor and changed different templates) or mutates: a parent
 * chosen by the pool's selection runs a minibatch of training tasks, the reflection model rewrites
 * one template (round-robin) from those outcomes, the child runs the same minibatch and is kept
 * only if its minibatch score is strictly higher (a merge: at least the better parent's), and a
 * kept child is scored on the validation set and joins the pool. A step that the remaining budget
 * cannot pay for in full is not started. Every random choice derives from the seed and the
 * iteration number, so a run restored from its pool, budget and iteration continues the same way.
 */
public final class GepaOptimizer {

  /** The settings: the templates to evolve, the minibatch size, the parent selection, merges, the seed. */
  public record Settings(List<String> templates, int minibatchSize, CandidatePool.Selection selection, double epsilon,
      int mergeEvery, long seed) {
    public Settings {
      if (templates.isEmpty() || minibatchSize < 1 || mergeEvery < 0) {
        throw new IllegalArgumentException("GEPA needs at least one template to evolve and a minibatch of at least 1");
      }
      templates = List.copyOf(templates);
    }
  }

  /** What one iteration did. */
  public record Iteration(int number, String kind, int parent, Integer otherParent, String template, double parentScore,
      double childScore, boolean accepted, Integer child) implements java.io.Serializable {}

  private final Settings settings;
  private final List<GepaTask> train;
  private final List<GepaTask> validation;
  private final GepaEvaluator evaluator;
  private final Reflector reflector;
  private final Budget budget;
  private CandidatePool pool;
  private int iteration;
  private final Set<String> triedMerges = new HashSet<>();

  public GepaOptimizer(Settings settings, List<GepaTask> train, List<GepaTask> validation, GepaEvaluator evaluator,
      Reflector reflector, Budget budget) {
    if (train.isEmpty() || validation.isEmpty()) {
      throw new IllegalArgumentException("GEPA needs training and validation tasks");
    }
    this.settings = settings;
    this.train = List.copyOf(train);
    this.validation = List.copyOf(validation);
    this.evaluator = evaluator;
    this.reflector = reflector;
    this.budget = budget;
  }

  /** Scores the seed prompts on the validation set; the pool's first candidate. */
  public Candidate start(Map<String, String> seedPrompts) {
    for (String template : settings.templates()) {
      if (!seedPrompts.containsKey(template)) {
        throw new IllegalArgumentException("the seed candidate has no template '" + template + "'");
      }
    }
    if (!budget.allows(validation.size())) {
      throw new IllegalArgumentException("the budget of " + budget.limit() + " metric calls does not cover scoring the seed on "
          + validation.size() + " validation tasks");
    }
    Candidate seed = new Candidate(0, seedPrompts, List.of(), null, validate(seedPrompts));
    pool = new CandidatePool(List.of(seed));
    iteration = 0;
    return seed;
  }

  /** Continues a run from what it had saved. */
  public void resume(CandidatePool saved, int iterations) {
    this.pool = saved;
    this.iteration = iterations;
  }

  /** One iteration, or empty when the budget cannot pay for one. */
  public Optional<Iteration> step() {
    int mb = Math.min(settings.minibatchSize(), train.size());
    if (!budget.allows(2L * mb + validation.size())) {
      return Optional.empty();
    }
    Random random = new Random(settings.seed() * 1_000_003L + iteration);
    List<GepaTask> minibatch = minibatch(random, mb);
    Iteration done = null;
    if (settings.mergeEvery() > 0 && iteration > 0 && iteration % settings.mergeEvery() == 0) {
      done = merge(minibatch).orElse(null);
    }
    if (done == null) {
      done = mutate(random, minibatch);
    }
    iteration++;
    return Optional.of(done);
  }

  private List<GepaTask> minibatch(Random random, int size) {
    List<GepaTask> shuffled = new ArrayList<>(train);
    java.util.Collections.shuffle(shuffled, random);
    return shuffled.subList(0, size);
  }

  private Iteration mutate(Random random, List<GepaTask> minibatch) {
    Candidate parent = pool.select(settings.selection(), settings.epsilon(), random);
    List<GepaEvaluator.Outcome> parentOutcomes = run(parent.prompts(), minibatch);
    String template = settings.templates().get(iteration % settings.templates().size());
    String rewritten = reflector.rewrite(template, parent.prompts().get(template), parentOutcomes);
    double parentScore = sum(parentOutcomes);
    if (rewritten == null || rewritten.isBlank() || rewritten.equals(parent.prompts().get(template))) {
      return new Iteration(iteration, "mutation", parent.id(), null, template, parentScore, parentScore, false, null);
    }
    Map<String, String> prompts = new HashMap<>(parent.prompts());
    prompts.put(template, rewritten);
    double childScore = sum(run(prompts, minibatch));
    if (!(childScore > parentScore)) {
      return new Iteration(iteration, "mutation", parent.id(), null, template, parentScore, childScore, false, null);
    }
    Candidate child = new Candidate(pool.size(), prompts, List.of(parent.id()), template, validate(prompts));
    pool.add(child);
    return new Iteration(iteration, "mutation", parent.id(), null, template, parentScore, childScore, true, child.id());
  }

  /**
   * Two front candidates whose lineages changed different templates since their nearest common
   * ancestor, combined: the ancestor's prompts with each one's changes.
   */
  private Optional<Iteration> merge(List<GepaTask> minibatch) {
    List<Candidate> front = pool.paretoFront();
    for (int a = 0; a < front.size(); a++) {
      for (int b = a + 1; b < front.size(); b++) {
        Candidate x = front.get(a);
        Candidate y = front.get(b);
        String key = x.id() + "+" + y.id();
        Optional<Candidate> ancestor = commonAncestor(x, y);
        if (triedMerges.contains(key) || ancestor.isEmpty()) {
          continue;
        }
        Set<String> fromX = changed(ancestor.get(), x);
        Set<String> fromY = changed(ancestor.get(), y);
        if (fromX.isEmpty() || fromY.isEmpty() || fromX.stream().anyMatch(fromY::contains)) {
          continue;
        }
        if (!budget.allows(3L * minibatch.size() + validation.size())) {
          return Optional.empty(); // a mutation is cheaper: let it have the budget that is left
        }
        triedMerges.add(key);
        Map<String, String> prompts = new HashMap<>(ancestor.get().prompts());
        fromX.forEach(t -> prompts.put(t, x.prompts().get(t)));
        fromY.forEach(t -> prompts.put(t, y.prompts().get(t)));
        double xScore = sum(run(x.prompts(), minibatch));
        double yScore = sum(run(y.prompts(), minibatch));
        double better = Math.max(xScore, yScore);
        double mergedScore = sum(run(prompts, minibatch));
        if (mergedScore < better) {
          return Optional.of(new Iteration(iteration, "merge", x.id(), y.id(), null, better, mergedScore, false, null));
        }
        Candidate child = new Candidate(pool.size(), prompts, List.of(x.id(), y.id()), null, validate(prompts));
        pool.add(child);
        return Optional.of(new Iteration(iteration, "merge", x.id(), y.id(), null, better, mergedScore, true, child.id()));
      }
    }
    return Optional.empty();
  }

  private Optional<Candidate> commonAncestor(Candidate x, Candidate y) {
    Set<Integer> ofX = ancestors(x);
    return ancestors(y).stream().filter(ofX::contains).filter(id -> id != x.id() && id != y.id())
        .max(Integer::compare).map(pool::get);
  }

  private Set<Integer> ancestors(Candidate c) {
    Set<Integer> seen = new HashSet<>();
    List<Integer> todo = new ArrayList<>(List.of(c.id()));
    while (!todo.isEmpty()) {
      int id = todo.remove(todo.size() - 1);
      if (seen.add(id)) {
        todo.addAll(pool.get(id).parents());
      }
    }
    return seen;
  }

  private static Set<String> changed(Candidate from, Candidate to) {
    Set<String> out = new HashSet<>();
    to.prompts().forEach((t, text) -> {
      if (!text.equals(from.prompts().get(t))) {
        out.add(t);
      }
    });
    return out;
  }

  private List<GepaEvaluator.Outcome> run(Map<String, String> prompts, List<GepaTask> tasks) {
    List<GepaEvaluator.Outcome> outcomes = new ArrayList<>();
    for (GepaTask task : tasks) {
      budget.spend(1);
      outcomes.add(evaluator.evaluate(prompts, task));
    }
    return outcomes;
  }

  private double[] validate(Map<String, String> prompts) {
    return run(prompts, validation).stream().mapToDouble(GepaEvaluator.Outcome::score).toArray();
  }

  private static double sum(List<GepaEvaluator.Outcome> outcomes) {
    return outcomes.stream().mapToDouble(GepaEvaluator.Outcome::score).sum();
  }

  public CandidatePool pool() {
    return pool;
  }

  public int iterations() {
    return iteration;
  }

  public Budget budget() {
    return budget;
  }
}
