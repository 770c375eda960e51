package ai.atlas.core.application.audit;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.domain.audit.AuditEntry;
import ai.atlas.core.domain.session.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.function.Function;

/**
 * The audit log. {@link #record} joins the caller's transaction, so a change and its audit entry
 * are committed together or not at all.
 */
@ApplicationScoped
@Transactional
public class AuditLog {

  private static final int MAX_DETAIL = 2000;

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  private Clock clock = Clock.systemUTC();

  protected AuditLog() {}

  /** For use outside the container, with an entity manager whose transactions the caller runs. */
  public AuditLog(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  public void record(Actor actor, String action, String target, String detail) {
    String trimmed = detail != null && detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
    em.persist(new AuditEntry(actor, action, target, trimmed, clock.instant()));
  }

  /** Entries newest first, optionally of one action only. */
  public <T> Page<T> list(String action, int page, int size, Function<AuditEntry, T> view) {
    if (page < 0 || size < 1 || size > 500) {
      throw new InvalidInputException("'page' must be 0 or more and 'size' between 1 and 500");
    }
    if ((long) page * size > Integer.MAX_VALUE) {
      throw new InvalidInputException("'page' is too large: page × size must stay below " + Integer.MAX_VALUE);
    }
    String where = action == null || action.isBlank() ? "" : " WHERE e.action = :action";
    TypedQuery<AuditEntry> items = em.createQuery("SELECT e FROM AuditEntry e" + where + " ORDER BY e.id DESC", AuditEntry.class);
    TypedQuery<Long> count = em.createQuery("SELECT COUNT(e) FROM AuditEntry e" + where, Long.class);
    if (!where.isEmpty()) {
      items.setParameter("action", action);
      count.setParameter("action", action);
    }
    var found = items.setFirstResult(Math.multiplyExact(page, size)).setMaxResults(size).getResultList();
    return new Page<>(found.stream().map(view).toList(), page, size, count.getSingleResult());
  }
}
