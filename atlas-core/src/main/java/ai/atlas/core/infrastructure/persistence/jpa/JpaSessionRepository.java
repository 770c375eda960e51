package ai.atlas.core.infrastructure.persistence.jpa;

import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.Page;
import ai.atlas.core.domain.session.SessionQuery;
import ai.atlas.core.domain.session.SessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

/** Sessions in the relational memory through JPA. */
@ApplicationScoped
public class JpaSessionRepository implements SessionRepository {

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  /** For CDI. */
  protected JpaSessionRepository() {}

  /** For use outside the container, with an entity manager whose transactions the caller runs. */
  public JpaSessionRepository(EntityManager em) {
    this.em = em;
  }

  @Override
  public AgentSession save(AgentSession session) {
    if (session.getId() == null) {
      em.persist(session);
      em.flush(); // assigns the identity now, so callers can hand the id out at once
      return session;
    }
    return em.merge(session);
  }

  @Override
  public Optional<AgentSession> findById(long id) {
    return Optional.ofNullable(em.find(AgentSession.class, id));
  }

  @Override
  public Page<AgentSession> list(SessionQuery query, int page, int size) {
    String where = query.reviewStatus().isPresent() ? " WHERE s.reviewStatus = :reviewStatus" : "";
    TypedQuery<AgentSession> items =
        em.createQuery("SELECT s FROM AgentSession s" + where + " ORDER BY s.id DESC", AgentSession.class);
    TypedQuery<Long> count = em.createQuery("SELECT COUNT(s) FROM AgentSession s" + where, Long.class);
    query.reviewStatus().ifPresent(status -> {
      items.setParameter("reviewStatus", status);
      count.setParameter("reviewStatus", status);
    });
    List<AgentSession> found =
        items.setFirstResult(Math.multiplyExact(page, size)).setMaxResults(size).getResultList();
    return new Page<>(found, page, size, count.getSingleResult());
  }

  @Override
  public List<AgentSession> findAfter(SessionQuery query, long afterId, int limit) {
    String filter = query.reviewStatus().isPresent() ? " AND s.reviewStatus = :reviewStatus" : "";
    TypedQuery<AgentSession> items =
        em.createQuery(
            "SELECT s FROM AgentSession s WHERE s.id > :afterId" + filter + " ORDER BY s.id",
            AgentSession.class);
    items.setParameter("afterId", afterId);
    query.reviewStatus().ifPresent(status -> items.setParameter("reviewStatus", status));
    return items.setMaxResults(limit).getResultList();
  }
}
