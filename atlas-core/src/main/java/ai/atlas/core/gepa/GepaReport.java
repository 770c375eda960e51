package ai.atlas.core.gepa;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;

/**
 * {@code optimized_prompts.json}: the best candidate's prompts, its validation score and the seed's,
 * the improvement, the Pareto front, every candidate with its parents and per-instance scores, every
 * iteration, and the budget: written while the job runs (with {@code "complete": false}) and at its end.
 */
public final class GepaReport {

  private GepaReport() {}

  public static JsonObject of(String profile, List<String> templates, CandidatePool pool, List<GepaOptimizer.Iteration> iterations,
      Budget budget, boolean complete) {
    Candidate best = pool.best();
    Candidate seed = pool.get(0);
    JsonArrayBuilder front = Json.createArrayBuilder();
    pool.paretoFront().forEach(c -> front.add(c.id()));
    JsonArrayBuilder candidates = Json.createArrayBuilder();
    for (Candidate c : pool.all()) {
      JsonArrayBuilder parents = Json.createArrayBuilder();
      c.parents().forEach(parents::add);
      JsonArrayBuilder scores = Json.createArrayBuilder();
      for (double s : c.scores()) {
        scores.add(s);
      }
      JsonObjectBuilder candidate = Json.createObjectBuilder().add("id", c.id()).add("parents", parents)
          .add("prompts", prompts(c.prompts())).add("scores", scores).add("score", c.mean());
      if (c.changed() != null) {
        candidate.add("changed", c.changed());
      }
      candidates.add(candidate);
    }
    JsonArrayBuilder steps = Json.createArrayBuilder();
    for (GepaOptimizer.Iteration i : iterations) {
      JsonObjectBuilder step = Json.createObjectBuilder().add("iteration", i.number()).add("kind", i.kind()).add("parent", i.parent())
          .add("parentScore", i.parentScore()).add("childScore", i.childScore()).add("accepted", i.accepted());
      if (i.otherParent() != null) {
        step.add("otherParent", i.otherParent());
      }
      if (i.template() != null) {
        step.add("template", i.template());
      }
      if (i.child() != null) {
        step.add("child", i.child());
      }
      steps.add(step);
    }
    JsonArrayBuilder evolved = Json.createArrayBuilder();
    templates.forEach(evolved::add);
    return Json.createObjectBuilder()
        .add("profile", profile)
        .add("templates", evolved)
        .add("complete", complete)
        .add("best", Json.createObjectBuilder().add("id", best.id()).add("prompts", prompts(best.prompts())).add("score", best.mean()))
        .add("initialScore", seed.mean())
        .add("bestScore", best.mean())
        .add("improvement", best.mean() - seed.mean())
        .add("paretoFront", front)
        .add("candidates", candidates)
        .add("iterations", steps)
        .add("budget", Json.createObjectBuilder().add("limit", budget.limit()).add("spent", budget.spent()))
        .build();
  }

  private static JsonObjectBuilder prompts(Map<String, String> prompts) {
    JsonObjectBuilder out = Json.createObjectBuilder();
    prompts.forEach(out::add);
    return out;
  }
}
