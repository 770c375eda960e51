package ai.atlas.core.application.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The per-step metrics of training jobs, written in the chunk's transaction and read by the API. */
@ApplicationScoped
@Transactional
public class TrainingMetrics {

  /** One step's metrics; {@code grpo} only for the steps of the grpo job. */
  public record Step(int step, double loss, int tokens, double gradNorm, double learningRate, Grpo grpo) {
    public Step(int step, double loss, int tokens, double gradNorm, double learningRate) {
      this(step, loss, tokens, gradNorm, learningRate, null);
    }
  }

  /**
   * What a GRPO step adds: the rewards' mean and standard deviation, the mean KL against the
   * reference, the share of clipped tokens, the policy's mean entropy, the mean completion length
   * and share of truncated completions, the improvement and degradation rates (with the teaching
   * reward; else null), and where the step's time went in milliseconds.
   */
  public record Grpo(double rewardMean, double rewardStd, double kl, double clipFraction, double entropy, double completionLength,
      double truncatedFraction, Double improvementRate, Double degradationRate, double samplingMs, double scoringMs,
      double forwardMs, double objectiveMs, double backwardMs, double optimizerMs) {}

  private static final String COLUMNS = "step, loss, tokens, grad_norm, learning_rate, reward_mean, reward_std, kl, clip_fraction,"
      + " entropy, completion_length, truncated_fraction, improvement_rate, degradation_rate, sampling_ms, scoring_ms, forward_ms,"
      + " objective_ms, backward_ms, optimizer_ms";

  // typed, so that a null binds on PostgreSQL too (an untyped null parameter is sent as text)
  private static final String NULLABLE_VALUES = ", CAST(? AS DOUBLE PRECISION)".repeat(15);

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  private Clock clock = Clock.systemUTC();

  protected TrainingMetrics() {}

  public TrainingMetrics(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  public void record(long instanceId, Step step) {
    var insert = em.createNativeQuery("INSERT INTO training_steps (instance_id, created_at, " + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?" + NULLABLE_VALUES + ")")
        .setParameter(1, instanceId).setParameter(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .setParameter(3, step.step()).setParameter(4, step.loss()).setParameter(5, step.tokens())
        .setParameter(6, step.gradNorm()).setParameter(7, step.learningRate());
    Grpo g = step.grpo();
    Double[] values = g == null ? new Double[15] : new Double[] {g.rewardMean(), g.rewardStd(), g.kl(), g.clipFraction(),
        g.entropy(), g.completionLength(), g.truncatedFraction(), g.improvementRate(), g.degradationRate(), g.samplingMs(),
        g.scoringMs(), g.forwardMs(), g.objectiveMs(), g.backwardMs(), g.optimizerMs()};
    for (int i = 0; i < values.length; i++) {
      insert.setParameter(8 + i, values[i]);
    }
    insert.executeUpdate();
  }

  public List<Step> steps(long instanceId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM training_steps WHERE instance_id = ? ORDER BY step")
        .setParameter(1, instanceId).getResultList();
    return rows.stream().map(TrainingMetrics::step).toList();
  }

  /** The last step recorded for the instance, if any. */
  public Optional<Step> last(long instanceId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM training_steps WHERE instance_id = ?"
        + " ORDER BY step DESC").setParameter(1, instanceId).setMaxResults(1).getResultList();
    return rows.stream().findFirst().map(TrainingMetrics::step);
  }

  private static Step step(Object[] r) {
    Grpo grpo = r[5] == null ? null : new Grpo(real(r[5]), real(r[6]), real(r[7]), real(r[8]), real(r[9]), real(r[10]), real(r[11]),
        nullable(r[12]), nullable(r[13]), real(r[14]), real(r[15]), real(r[16]), real(r[17]), real(r[18]), real(r[19]));
    return new Step(((Number) r[0]).intValue(), real(r[1]), ((Number) r[2]).intValue(), real(r[3]), real(r[4]), grpo);
  }

  private static double real(Object value) {
    return value == null ? 0 : ((Number) value).doubleValue();
  }

  private static Double nullable(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }
}
