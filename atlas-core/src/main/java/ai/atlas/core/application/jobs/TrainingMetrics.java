package ai.atlas.core.application.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The per-step metrics of training jobs, written in the chunk's transaction and read by the API. */
@ApplicationScoped
@Transactional
public class TrainingMetrics {

  /** One step's metrics. */
  public record Step(int step, double loss, int tokens, double gradNorm, double learningRate) {}

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  private Clock clock = Clock.systemUTC();

  protected TrainingMetrics() {}

  public TrainingMetrics(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  public void record(long instanceId, Step step) {
    em.createNativeQuery("INSERT INTO training_steps (instance_id, step, loss, tokens, grad_norm, learning_rate, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .setParameter(1, instanceId).setParameter(2, step.step()).setParameter(3, step.loss()).setParameter(4, step.tokens())
        .setParameter(5, step.gradNorm()).setParameter(6, step.learningRate())
        .setParameter(7, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).executeUpdate();
  }

  public List<Step> steps(long instanceId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("SELECT step, loss, tokens, grad_norm, learning_rate FROM training_steps"
        + " WHERE instance_id = ? ORDER BY step").setParameter(1, instanceId).getResultList();
    return rows.stream().map(r -> new Step(((Number) r[0]).intValue(), ((Number) r[1]).doubleValue(), ((Number) r[2]).intValue(),
        ((Number) r[3]).doubleValue(), ((Number) r[4]).doubleValue())).toList();
  }
}
