package ai.atlas.core.domain.session;

import java.util.List;

/**
 * A learning key's reward history as one session reads it before it runs: the newest rewards,
 * oldest first, and the count and sum of every reward the key has. The lane choice, the drift
 * rule and the playbook's outcome tracking all read this one window.
 */
public record RewardWindow(List<Double> recent, long count, double sum) {

  public static final RewardWindow EMPTY = new RewardWindow(List.of(), 0, 0);

  public RewardWindow {
    recent = List.copyOf(recent);
  }

  /** The newest {@code n} rewards, oldest first. */
  public List<Double> last(int n) {
    return n >= recent.size() ? recent : recent.subList(recent.size() - n, recent.size());
  }
}
