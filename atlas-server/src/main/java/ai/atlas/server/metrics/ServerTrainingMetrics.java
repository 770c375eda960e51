package ai.atlas.server.metrics;

import ai.atlas.core.application.jobs.TrainingMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The latest step of each training job ({@code job} tag: sft, grpo) on {@code /metrics}:
 * {@code atlas.training.step}, {@code .loss}, {@code .grad_norm}, {@code .learning_rate}, and for
 * GRPO {@code atlas.grpo.reward_mean}, {@code .reward_std}, {@code .kl}, {@code .clip_fraction},
 * {@code .entropy}, {@code .completion_length}, {@code .improvement_rate},
 * {@code .degradation_rate} and {@code .step_seconds}. The full history is in the database
 * ({@code GET /api/jobs/{id}/metrics}); these are for dashboards and alerts on a running job.
 */
@ApplicationScoped
public class ServerTrainingMetrics {

  @Inject MetricRegistry registry;

  private final Map<String, Latest> jobs = new ConcurrentHashMap<>();

  /** The latest step of one job, read by its gauges. */
  private static final class Latest {
    volatile TrainingMetrics.Step step;
    volatile boolean grpoRegistered;
  }

  public void stepped(String job, TrainingMetrics.Step step) {
    Tag tag = new Tag("job", job);
    Latest latest = jobs.computeIfAbsent(job, name -> {
      Latest fresh = new Latest();
      gauge("atlas.training.step", fresh, tag, s -> s.step());
      gauge("atlas.training.loss", fresh, tag, TrainingMetrics.Step::loss);
      gauge("atlas.training.grad_norm", fresh, tag, TrainingMetrics.Step::gradNorm);
      gauge("atlas.training.learning_rate", fresh, tag, TrainingMetrics.Step::learningRate);
      return fresh;
    });
    latest.step = step;
    if (step.grpo() != null && !latest.grpoRegistered) {
      synchronized (latest) {
        if (!latest.grpoRegistered) {
          gauge("atlas.grpo.reward_mean", latest, tag, s -> s.grpo().rewardMean());
          gauge("atlas.grpo.reward_std", latest, tag, s -> s.grpo().rewardStd());
          gauge("atlas.grpo.kl", latest, tag, s -> s.grpo().kl());
          gauge("atlas.grpo.clip_fraction", latest, tag, s -> s.grpo().clipFraction());
          gauge("atlas.grpo.entropy", latest, tag, s -> s.grpo().entropy());
          gauge("atlas.grpo.completion_length", latest, tag, s -> s.grpo().completionLength());
          gauge("atlas.grpo.improvement_rate", latest, tag, s -> orZero(s.grpo().improvementRate()));
          gauge("atlas.grpo.degradation_rate", latest, tag, s -> orZero(s.grpo().degradationRate()));
          gauge("atlas.grpo.step_seconds", latest, tag, s -> (s.grpo().samplingMs() + s.grpo().scoringMs() + s.grpo().forwardMs()
              + s.grpo().objectiveMs() + s.grpo().backwardMs() + s.grpo().optimizerMs()) / 1000);
          latest.grpoRegistered = true;
        }
      }
    }
  }

  private void gauge(String name, Latest latest, Tag tag, ToDoubleFunction<TrainingMetrics.Step> value) {
    registry.gauge(name, latest, l -> l.step == null || (name.startsWith("atlas.grpo") && l.step.grpo() == null) ? 0.0
        : value.applyAsDouble(l.step), tag);
  }

  private static double orZero(Double value) {
    return value == null ? 0.0 : value;
  }
}
