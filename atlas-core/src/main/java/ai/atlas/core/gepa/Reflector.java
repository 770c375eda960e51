package ai.atlas.core.gepa;

import java.util.List;

/** The reflection model: rewrites one prompt template from what runs with it produced and how they were judged. */
@FunctionalInterface
public interface Reflector {

  /** The new text of {@code template}, from its current text and the minibatch's outcomes. */
  String rewrite(String template, String current, List<GepaEvaluator.Outcome> outcomes);
}
