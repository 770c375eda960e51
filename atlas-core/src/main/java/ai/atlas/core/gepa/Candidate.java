package ai.atlas.core.gepa;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A candidate: the text of each evolved prompt template, where it came from (its parents' ids:
 * none for the seed, one for a reflective mutation, two for a merge, and the template it
 * changed), and its score on each validation instance.
 */
public record Candidate(int id, Map<String, String> prompts, List<Integer> parents, String changed, double[] scores)
    implements Serializable {

  public Candidate {
    prompts = new TreeMap<>(prompts);
    parents = List.copyOf(parents);
    scores = scores.clone();
  }

  public double mean() {
    double sum = 0;
    for (double s : scores) {
      sum += s;
    }
    return scores.length == 0 ? 0 : sum / scores.length;
  }

  /** Whether this candidate is at least as good on every instance and better on one. */
  public boolean dominates(Candidate other) {
    boolean better = false;
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] < other.scores[i]) {
        return false;
      }
      better |= scores[i] > other.scores[i];
    }
    return better;
  }
}
