package ai.atlas.core.domain.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored sessions. */
public interface SessionRepository {

  /** Stores a new session or the changes to a stored one, and returns the stored instance. */
  AgentSession save(AgentSession session);

  Optional<AgentSession> findById(long id);

  /** A page of sessions, newest first. */
  Page<AgentSession> list(SessionQuery query, int page, int size);

  /**
   * Up to {@code limit} sessions with ids above {@code afterId}, in id order. Export and training
   * readers walk the table with this (keyset paging), so memory stays flat however many there are.
   */
  List<AgentSession> findAfter(SessionQuery query, long afterId, int limit);

  /** A session's events with sequence numbers above {@code afterSeq}, in order: what an event stream polls. */
  List<TrajectoryEvent> eventsAfter(long sessionId, int afterSeq);

  /** The outcomes of the newest {@code limit} sessions the query matches, newest first. */
  List<SessionOutcome> outcomes(SessionQuery query, int limit);

  /**
   * Adds an event after the session's last one, reading only the session's row and its highest
   * event number: recording stays linear however many events a session has. Empty when there is
   * no session with this id.
   */
  Optional<TrajectoryEvent> appendEvent(long sessionId, String type, String payloadJson, Instant at);

  /** The learning key's rewards in one query: the newest {@code limit}, and the count and sum of all. */
  RewardWindow rewardWindow(String learningKey, int limit);

  /** A session's status, without loading the session. */
  Optional<SessionStatus> statusOf(long sessionId);
}
