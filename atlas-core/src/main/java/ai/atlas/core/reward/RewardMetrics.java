package ai.atlas.core.reward;

/** Where the reward system reports its evaluations, for the server's metrics; outside it, nowhere. */
public interface RewardMetrics {

  RewardMetrics NONE = evaluation -> { };

  void evaluated(Evaluation evaluation);
}
