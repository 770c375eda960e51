package ai.atlas.core.infrastructure.persistence.jpa;

import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.Page;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.RewardWindow;
import ai.atlas.core.domain.session.SessionOutcome;
import ai.atlas.core.domain.session.SessionQuery;
import ai.atlas.core.domain.session.SessionRepository;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.domain.session.TrajectoryEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
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
    Filter filter = Filter.of(query);
    String where = filter.conditions().isEmpty() ? "" : " WHERE " + filter.conditions();
    TypedQuery<AgentSession> items =
        em.createQuery("SELECT s FROM AgentSession s" + where + " ORDER BY s.id DESC", AgentSession.class);
    TypedQuery<Long> count = em.createQuery("SELECT COUNT(s) FROM AgentSession s" + where, Long.class);
    filter.bind(items);
    filter.bind(count);
    List<AgentSession> found =
        items.setFirstResult(Math.multiplyExact(page, size)).setMaxResults(size).getResultList();
    return new Page<>(found, page, size, count.getSingleResult());
  }

  @Override
  public List<AgentSession> findAfter(SessionQuery query, long afterId, int limit) {
    Filter filter = Filter.of(query);
    String and = filter.conditions().isEmpty() ? "" : " AND " + filter.conditions();
    TypedQuery<AgentSession> items =
        em.createQuery("SELECT s FROM AgentSession s WHERE s.id > :afterId" + and + " ORDER BY s.id", AgentSession.class);
    items.setParameter("afterId", afterId);
    filter.bind(items);
    // Exports read every step, attempt and event of the page: fetch each kind for the whole page
    // in one query (EclipseLink batch reading) instead of one query per session and step.
    items.setHint("eclipselink.batch.type", "IN");
    items.setHint("eclipselink.batch", "s.steps");
    items.setHint("eclipselink.batch", "s.steps.attempts");
    items.setHint("eclipselink.batch", "s.events");
    return items.setMaxResults(limit).getResultList();
  }

  @Override
  public List<TrajectoryEvent> eventsAfter(long sessionId, int afterSeq) {
    return em.createQuery(
            "SELECT e FROM TrajectoryEvent e WHERE e.session.id = :id AND e.seq > :after ORDER BY e.seq", TrajectoryEvent.class)
        .setParameter("id", sessionId).setParameter("after", afterSeq).getResultList();
  }

  @Override
  public Optional<TrajectoryEvent> appendEvent(long sessionId, String type, String payloadJson, Instant at) {
    AgentSession session = em.find(AgentSession.class, sessionId);
    if (session == null) {
      return Optional.empty();
    }
    Integer last = em.createQuery("SELECT MAX(e.seq) FROM TrajectoryEvent e WHERE e.session.id = :id", Integer.class)
        .setParameter("id", sessionId).getSingleResult();
    TrajectoryEvent event = TrajectoryEvent.numbered(session, last == null ? 0 : last + 1, type, payloadJson, at);
    em.persist(event);
    return Optional.of(event);
  }

  @Override
  public RewardWindow rewardWindow(String learningKey, int limit) {
    // the window functions give the count and sum of all the key's rewards on every row of the newest ones
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("SELECT session_reward, COUNT(*) OVER (), SUM(session_reward) OVER ()"
            + " FROM sessions WHERE learning_key = ?1 AND session_reward IS NOT NULL ORDER BY id DESC")
        .setParameter(1, learningKey).setMaxResults(limit).getResultList();
    if (rows.isEmpty()) {
      return RewardWindow.EMPTY;
    }
    List<Double> recent = new ArrayList<>(rows.size());
    for (int i = rows.size() - 1; i >= 0; i--) {
      recent.add(((Number) rows.get(i)[0]).doubleValue());
    }
    return new RewardWindow(recent, ((Number) rows.get(0)[1]).longValue(), ((Number) rows.get(0)[2]).doubleValue());
  }

  @Override
  public List<SessionOutcome> outcomes(SessionQuery query, int limit) {
    Filter filter = Filter.of(query);
    String where = filter.conditions().isEmpty() ? "" : " WHERE " + filter.conditions();
    TypedQuery<Object[]> rows = em.createQuery("SELECT s.id, s.createdAt, s.learningKey, s.executionMode, s.sessionReward, s.driftScore,"
        + " s.reviewStatus FROM AgentSession s" + where + " ORDER BY s.id DESC", Object[].class);
    filter.bind(rows);
    return rows.setMaxResults(limit).getResultList().stream()
        .map(r -> new SessionOutcome((Long) r[0], (Instant) r[1], (String) r[2], (String) r[3], (Double) r[4], (Double) r[5],
            (ReviewStatus) r[6]))
        .toList();
  }

  @Override
  public Optional<SessionStatus> statusOf(long sessionId) {
    return em.createQuery("SELECT s.status FROM AgentSession s WHERE s.id = :id", SessionStatus.class)
        .setParameter("id", sessionId).getResultStream().findFirst();
  }

  /** The JPQL conditions of a query and their parameters. */
  private record Filter(String conditions, java.util.Map<String, Object> parameters) {

    static Filter of(SessionQuery query) {
      java.util.List<String> conditions = new java.util.ArrayList<>();
      java.util.Map<String, Object> parameters = new java.util.LinkedHashMap<>();
      query.reviewStatus().ifPresent(v -> add(conditions, parameters, "s.reviewStatus = :reviewStatus", "reviewStatus", v));
      query.status().ifPresent(v -> add(conditions, parameters, "s.status = :status", "status", v));
      query.profile().ifPresent(v -> add(conditions, parameters, "s.profile = :profile", "profile", v));
      query.learningKey().ifPresent(v -> add(conditions, parameters, "s.learningKey = :learningKey", "learningKey", v));
      query.createdFrom().ifPresent(v -> add(conditions, parameters, "s.createdAt >= :createdFrom", "createdFrom", v));
      query.createdTo().ifPresent(v -> add(conditions, parameters, "s.createdAt < :createdTo", "createdTo", v));
      query.minReward().ifPresent(v -> add(conditions, parameters, "s.sessionReward >= :minReward", "minReward", v));
      query.maxReward().ifPresent(v -> add(conditions, parameters, "s.sessionReward <= :maxReward", "maxReward", v));
      query.lane().ifPresent(v -> add(conditions, parameters, "s.executionMode = :lane", "lane", v));
      // the text's own % and _ match themselves
      query.text().ifPresent(v -> add(conditions, parameters, "LOWER(s.task) LIKE :text ESCAPE '!'", "text",
          "%" + v.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"));
      return new Filter(String.join(" AND ", conditions), parameters);
    }

    private static void add(java.util.List<String> conditions, java.util.Map<String, Object> parameters, String condition,
        String name, Object value) {
      conditions.add(condition);
      parameters.put(name, value);
    }

    void bind(TypedQuery<?> query) {
      parameters.forEach(query::setParameter);
    }
  }
}
