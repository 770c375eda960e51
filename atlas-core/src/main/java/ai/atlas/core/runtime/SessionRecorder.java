package ai.atlas.core.runtime;

import ai.atlas.core.application.cluster.ServerIdentity;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.RewardWindow;
import ai.atlas.core.domain.session.SessionRepository;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.domain.session.SessionStep;
import ai.atlas.core.profile.Lane;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a running session as it happens, each write its own transaction: the session when it
 * starts, each event as it comes, the outcome at the end. A crash mid-session leaves the session
 * and its events so far; {@link #failInterrupted} marks such sessions failed at the next start.
 * Each session is recorded with the {@link ServerIdentity} of the server that runs it. Sessions
 * submitted to the queue are stored {@code QUEUED} ({@link #enqueue}) until a server
 * {@link #claim claims} them; a restart leaves them queued.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class SessionRecorder {

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  /** The actor of the review decisions ATLAS takes itself. */
  public static final String ATLAS = "atlas";

  private Clock clock = Clock.systemUTC();

  @Inject Instance<ServerIdentity> configuredIdentity;
  private ServerIdentity identity;

  @Inject SessionRepository sessions;

  protected SessionRecorder() {}

  /** For use outside the container, with an entity manager whose transactions the caller runs. */
  public SessionRecorder(SessionRepository sessions, EntityManager em, Clock clock) {
    this(sessions, em, clock, ServerIdentity.LOCAL);
  }

  /** For use outside the container, as one of several servers sharing the database. */
  public SessionRecorder(SessionRepository sessions, EntityManager em, Clock clock, ServerIdentity identity) {
    this.sessions = sessions;
    this.em = em;
    this.clock = clock;
    this.identity = identity;
  }

  private String serverId() {
    if (identity == null) {
      identity = configuredIdentity != null && configuredIdentity.isResolvable() ? configuredIdentity.get() : ServerIdentity.LOCAL;
    }
    return identity.id();
  }

  public long start(String profile, String task, String learningKey, Map<String, String> metadata) {
    AgentSession session = new AgentSession(task, clock.instant());
    session.setProfile(profile);
    session.setLearningKey(learningKey);
    session.setServerId(serverId());
    JsonObjectBuilder json = Json.createObjectBuilder();
    metadata.forEach(json::add);
    session.setMetadata(json.build().toString());
    em.persist(session);
    em.flush();
    return session.getId();
  }

  /**
   * Stores a session in the queue, with what a server needs to run it later: profile, task,
   * learning key, metadata, the lane asked for and who submitted it. No server owns it yet.
   */
  public long enqueue(String profile, String task, String learningKey, Map<String, String> metadata, Lane lane,
      String submittedBy) {
    AgentSession session = new AgentSession(task, clock.instant());
    session.setProfile(profile);
    session.setLearningKey(learningKey);
    session.setRequestedLane(lane == null ? null : lane.wireName());
    session.setSubmittedBy(submittedBy);
    JsonObjectBuilder json = Json.createObjectBuilder();
    metadata.forEach(json::add);
    session.setMetadata(json.build().toString());
    session.queue();
    em.persist(session);
    em.flush();
    return session.getId();
  }

  /**
   * Claims up to {@code max} queued sessions, oldest first, for this server: each moves to RUNNING
   * with this server's id in one conditional update, so when servers sharing the database race for
   * a session exactly one of them gets it (the others' updates match no row).
   */
  public List<QueuedSession> claim(int max) {
    if (max <= 0) {
      return List.of();
    }
    List<AgentSession> candidates = em.createQuery(
            "SELECT s FROM AgentSession s WHERE s.status = :queued ORDER BY s.id", AgentSession.class)
        .setParameter("queued", SessionStatus.QUEUED).setMaxResults(max).getResultList();
    List<QueuedSession> claimed = new ArrayList<>();
    for (AgentSession candidate : candidates) {
      int updated = em.createQuery("UPDATE AgentSession s SET s.status = :running, s.serverId = :me, s.version = s.version + 1"
              + " WHERE s.id = :id AND s.status = :queued")
          .setParameter("running", SessionStatus.RUNNING).setParameter("me", serverId())
          .setParameter("id", candidate.getId()).setParameter("queued", SessionStatus.QUEUED).executeUpdate();
      if (updated == 1) {
        claimed.add(QueuedSession.of(candidate));
      }
    }
    return claimed;
  }

  /** How many sessions wait in the queue, of every server sharing the database. */
  public long queuedCount() {
    return em.createQuery("SELECT COUNT(s) FROM AgentSession s WHERE s.status = :queued", Long.class)
        .setParameter("queued", SessionStatus.QUEUED).getSingleResult();
  }

  /** How many of the queued sessions this caller submitted. */
  public long queuedCount(String submittedBy) {
    return em.createQuery("SELECT COUNT(s) FROM AgentSession s WHERE s.status = :queued AND s.submittedBy = :by", Long.class)
        .setParameter("queued", SessionStatus.QUEUED).setParameter("by", submittedBy).getSingleResult();
  }

  /** The statuses of those of these sessions whose run is over (by any server). */
  public Map<Long, SessionStatus> finishedAmong(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<Long, SessionStatus> finished = new java.util.HashMap<>();
    em.createQuery("SELECT s.id, s.status FROM AgentSession s WHERE s.id IN :ids", Object[].class)
        .setParameter("ids", List.copyOf(ids)).getResultList().forEach(row -> {
          SessionStatus status = (SessionStatus) row[1];
          if (status.isFinished()) {
            finished.put((Long) row[0], status);
          }
        });
    return finished;
  }

  /** A session's status, or empty when there is none with this id. */
  public java.util.Optional<SessionStatus> statusOf(long id) {
    return sessions.statusOf(id);
  }

  /** Appends an event to the session's trace, without reading its earlier events. */
  public void event(long sessionId, String type, Map<String, Object> payload) {
    if (sessions.appendEvent(sessionId, type, toJson(payload).toString(), clock.instant()).isEmpty()) {
      throw new NotFoundException("no session with id " + sessionId);
    }
  }

  public void finish(long sessionId, RunResult result, Double reward, String rewardStatsJson) {
    finish(sessionId, result, reward, rewardStatsJson, null, null);
  }

  /**
   * Writes the outcome: plan, steps with their attempts and tool calls, tokens, cost, reward. A
   * session whose reward drifted ({@code driftScore} not null) is put back to pending review with
   * the reason, whatever its review status; otherwise a succeeded session whose reward reaches
   * {@code autoApproveAt} (when not null) is approved by ATLAS. Both decisions are recorded.
   */
  public void finish(long sessionId, RunResult result, Double reward, String rewardStatsJson, Double driftScore,
      Double autoApproveAt) {
    AgentSession session = find(sessionId);
    session.setExecutionMode(result.lane() == null ? null : result.lane().wireName());
    if (!result.plan().isEmpty()) {
      session.setPlan(toJson(result.plan()).toString());
    }
    for (RunResult.Step step : result.steps()) {
      SessionStep stored = session.addStep(step.description());
      stored.finish(step.output(), step.validated() ? "validated" : "unvalidated", null);
      step.tries().forEach(a -> stored.addAttempt(a.guidance(), a.output(), a.valid(), a.feedback()));
      if (!step.toolCalls().isEmpty()) {
        stored.setToolCalls(toJson(step.toolCalls().stream().map(Orchestrator::toolCallEvent).toList()).toString());
      }
    }
    session.addTokenUsage(result.usage().promptTokens(), result.usage().completionTokens());
    session.setCostUsd(result.costUsd());
    session.setSessionReward(reward);
    session.setRewardStats(rewardStatsJson);
    String answer = result.status() == SessionStatus.FAILED ? result.failure() : result.finalAnswer();
    session.complete(result.status(), answer, clock.instant());
    if (driftScore != null) {
      session.setDriftScore(driftScore);
      session.review(ReviewStatus.PENDING, String.format(Locale.ROOT,
          "the reward %.3f is far from this learning key's history (robust z-score %.1f): a person should look", reward,
          driftScore), ATLAS, clock.instant());
    } else if (autoApproveAt != null && result.status() == SessionStatus.SUCCEEDED && reward != null && reward >= autoApproveAt) {
      session.review(ReviewStatus.APPROVED, String.format(Locale.ROOT, "approved by the profile's rule: reward %.3f >= %.3f",
          reward, autoApproveAt), ATLAS, clock.instant());
    }
  }

  /**
   * Sessions this server was running when it stopped: failed, with the reason. Sessions another
   * server sharing the database is running are left alone; sessions recorded before servers were
   * named (no server id) count as this server's.
   */
  public int failInterrupted() {
    List<AgentSession> running = em.createQuery(
            "SELECT s FROM AgentSession s WHERE s.status = :running AND (s.serverId = :me OR s.serverId IS NULL)", AgentSession.class)
        .setParameter("running", SessionStatus.RUNNING).setParameter("me", serverId()).getResultList();
    for (AgentSession session : running) {
      session.recordEvent("session.failed", "{\"reason\":\"the server stopped while the session ran\"}", clock.instant());
      session.complete(SessionStatus.FAILED, "the server stopped while the session ran", clock.instant());
    }
    return running.size();
  }

  /** The learning key's finished sessions' rewards: the newest {@code limit}, oldest first, and the count and sum of all. */
  public RewardWindow rewardWindow(String learningKey, int limit) {
    return sessions.rewardWindow(learningKey, limit);
  }

  private AgentSession find(long id) {
    AgentSession session = em.find(AgentSession.class, id);
    if (session == null) {
      throw new NotFoundException("no session with id " + id);
    }
    return session;
  }

  static jakarta.json.JsonValue toJson(Object value) {
    if (value == null) {
      return jakarta.json.JsonValue.NULL;
    }
    if (value instanceof Map<?, ?> map) {
      JsonObjectBuilder object = Json.createObjectBuilder();
      map.forEach((k, v) -> object.add(String.valueOf(k), toJson(v)));
      return object.build();
    }
    if (value instanceof Collection<?> list) {
      var array = Json.createArrayBuilder();
      list.forEach(v -> array.add(toJson(v)));
      return array.build();
    }
    if (value instanceof Boolean b) {
      return b ? jakarta.json.JsonValue.TRUE : jakarta.json.JsonValue.FALSE;
    }
    if (value instanceof Integer || value instanceof Long) {
      return Json.createValue(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      return Json.createValue(n.doubleValue());
    }
    return Json.createValue(value.toString());
  }
}
