package ai.atlas.batch.gepa;

import ai.atlas.core.gepa.Candidate;
import ai.atlas.core.gepa.GepaOptimizer;
import java.io.Serializable;
import java.util.List;

/** The gepa job's checkpoint: every candidate evaluated, the budget spent, and the iterations done. */
record GepaState(List<Candidate> candidates, long spent, List<GepaOptimizer.Iteration> iterations) implements Serializable {

  GepaState {
    candidates = List.copyOf(candidates);
    iterations = List.copyOf(iterations);
  }
}
