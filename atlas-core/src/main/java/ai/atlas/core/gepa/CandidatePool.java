package ai.atlas.core.gepa;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Every candidate evaluated on the validation set, and the choice of the next parent: from the
 * Pareto front (the candidates best on at least one instance, those another front member
 * dominates removed, drawn with probability proportional to the instances they are best on), the
 * best mean ({@code current_best}), or the best mean except with probability epsilon a random
 * candidate ({@code epsilon_greedy}).
 */
public final class CandidatePool {

  /** How a parent is chosen. */
  public enum Selection {
    PARETO,
    CURRENT_BEST,
    EPSILON_GREEDY;

    public static Selection of(String name) {
      try {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("candidate selection must be pareto, current_best or epsilon_greedy, not '" + name + "'");
      }
    }
  }

  private final List<Candidate> candidates = new ArrayList<>();

  public CandidatePool(List<Candidate> initial) {
    initial.forEach(this::add);
  }

  public void add(Candidate candidate) {
    if (!candidates.isEmpty() && candidate.scores().length != candidates.get(0).scores().length) {
      throw new IllegalArgumentException("every candidate is scored on the same validation instances");
    }
    candidates.add(candidate);
  }

  public List<Candidate> all() {
    return List.copyOf(candidates);
  }

  public int size() {
    return candidates.size();
  }

  public Candidate get(int id) {
    return candidates.stream().filter(c -> c.id() == id).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no candidate " + id));
  }

  public Candidate best() {
    Candidate best = candidates.get(0);
    for (Candidate c : candidates) {
      if (c.mean() > best.mean()) {
        best = c;
      }
    }
    return best;
  }

  /** The best score reached on each instance by any candidate. */
  public double[] instanceBest() {
    int n = candidates.get(0).scores().length;
    double[] best = new double[n];
    java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
    for (Candidate c : candidates) {
      for (int i = 0; i < n; i++) {
        best[i] = Math.max(best[i], c.scores()[i]);
      }
    }
    return best;
  }

  /** The non-dominated candidates among those best on at least one instance, in id order. */
  public List<Candidate> paretoFront() {
    double[] best = instanceBest();
    Set<Candidate> winners = new LinkedHashSet<>();
    for (Candidate c : candidates) {
      for (int i = 0; i < best.length; i++) {
        if (c.scores()[i] == best[i]) {
          winners.add(c);
          break;
        }
      }
    }
    List<Candidate> front = new ArrayList<>();
    for (Candidate c : winners) {
      if (winners.stream().noneMatch(other -> other != c && other.dominates(c))) {
        front.add(c);
      }
    }
    return front;
  }

  /** The number of instances on which the candidate reaches the best score. */
  public int wins(Candidate candidate) {
    double[] best = instanceBest();
    int wins = 0;
    for (int i = 0; i < best.length; i++) {
      wins += candidate.scores()[i] == best[i] ? 1 : 0;
    }
    return wins;
  }

  public Candidate select(Selection selection, double epsilon, Random random) {
    return switch (selection) {
      case CURRENT_BEST -> best();
      case EPSILON_GREEDY -> random.nextDouble() < epsilon ? candidates.get(random.nextInt(candidates.size())) : best();
      case PARETO -> {
        List<Candidate> front = paretoFront();
        int total = front.stream().mapToInt(this::wins).sum();
        int draw = random.nextInt(Math.max(1, total));
        Candidate chosen = front.get(front.size() - 1);
        for (Candidate c : front) {
          draw -= wins(c);
          if (draw < 0) {
            chosen = c;
            break;
          }
        }
        yield chosen;
      }
    };
  }
}
