package ai.atlas.server.metrics;

import ai.atlas.core.reward.Evaluation;
import ai.atlas.core.reward.JudgeResult;
import ai.atlas.core.reward.RewardMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The reward system's metrics on {@code /metrics}. Judge scores are named after the OpenTelemetry
 * GenAI {@code gen_ai.evaluation.result} event: {@code gen_ai.evaluation.result} is the latest
 * score of each judge ({@code gen_ai_evaluation_name}), {@code gen_ai.evaluation.score.sum} and
 * {@code gen_ai.evaluation.count} give its mean. Besides: evaluations, escalations to the arbiter,
 * their rate, and samples dropped because they did not parse or come in time.
 */
@ApplicationScoped
public class ServerRewardMetrics implements RewardMetrics {

  @Inject MetricRegistry registry;

  private final Map<String, Scores> judges = new ConcurrentHashMap<>();
  private final AtomicLong evaluations = new AtomicLong();
  private final AtomicLong escalations = new AtomicLong();
  private volatile boolean rateRegistered;

  /** A judge's latest score and running sum, read by gauges. */
  private static final class Scores {
    volatile double latest;
    final DoubleAdder sum = new DoubleAdder();
  }

  @Override
  public void evaluated(Evaluation evaluation) {
    registerRate();
    evaluations.incrementAndGet();
    registry.counter("atlas.reward.evaluations").inc();
    if (evaluation.arbiterUsed()) {
      escalations.incrementAndGet();
      registry.counter("atlas.reward.escalations").inc();
    }
    registry.counter("atlas.reward.dropped_samples").inc(evaluation.droppedSamples());
    for (JudgeResult judge : evaluation.judges()) {
      if (judge.score() == null) {
        continue;
      }
      Tag name = new Tag("gen_ai_evaluation_name", judge.name());
      Scores scores = judges.computeIfAbsent(judge.name(), n -> {
        Scores fresh = new Scores();
        registry.gauge("gen_ai.evaluation.result", fresh, s -> s.latest, name);
        registry.gauge("gen_ai.evaluation.score.sum", fresh, s -> s.sum.sum(), name);
        return fresh;
      });
      scores.latest = judge.score();
      scores.sum.add(judge.score());
      registry.counter("gen_ai.evaluation.count", name).inc();
    }
  }

  private void registerRate() {
    if (!rateRegistered) {
      synchronized (this) {
        if (!rateRegistered) {
          registry.gauge("atlas.reward.escalation_rate", this,
              m -> m.evaluations.get() == 0 ? 0.0 : m.escalations.get() / (double) m.evaluations.get());
          rateRegistered = true;
        }
      }
    }
  }
}
