package ai.atlas.core.reward;

import ai.atlas.core.domain.reward.JudgementRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** Stores every call of an evaluation, in a transaction of its own, and reads them back. */
@ApplicationScoped
public class JudgementRecorder {

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  private Clock clock = Clock.systemUTC();

  protected JudgementRecorder() {}

  /** For use outside the container, with an entity manager whose transactions the caller runs. */
  public JudgementRecorder(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void record(String evaluationId, Long sessionId, String profile, List<JudgeCall> calls) {
    for (JudgeCall call : calls) {
      em.persist(new JudgementRecord(evaluationId, sessionId, profile, call.judge(), call.kind(), call.temperature(),
          call.prompt(), call.response(), call.score(), call.uncertainty(), call.parsed(), clock.instant()));
      em.flush(); // ids in the order the calls were made, which is how they read back
    }
  }

  @Transactional
  public List<JudgementRecord> ofEvaluation(String evaluationId) {
    return em.createQuery("SELECT j FROM JudgementRecord j WHERE j.evaluationId = :id ORDER BY j.id", JudgementRecord.class)
        .setParameter("id", evaluationId).getResultList();
  }
}
