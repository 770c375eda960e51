package ai.atlas.batch.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.Page;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.SessionQuery;
import ai.atlas.core.domain.session.SessionRepository;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionReaderTest {

  /** Sessions 1..7 with ids assigned; odd ids approved. Counts how many pages were fetched. */
  private static final class InMemorySessions implements SessionRepository {
    final List<AgentSession> all = new ArrayList<>();
    int fetches;

    InMemorySessions() throws Exception {
      for (long id = 1; id <= 7; id++) {
        AgentSession s = new AgentSession("task " + id, Instant.EPOCH);
        Field field = AgentSession.class.getDeclaredField("id");
        field.setAccessible(true);
        field.set(s, id);
        if (id % 2 == 1) {
          s.review(ReviewStatus.APPROVED, null, "test", Instant.EPOCH);
        }
        all.add(s);
      }
    }

    @Override
    public List<ai.atlas.core.domain.session.SessionOutcome> outcomes(SessionQuery query, int limit) {
      throw new UnsupportedOperationException("the reader never asks for outcomes");
    }

    @Override
    public List<AgentSession> findAfter(SessionQuery query, long afterId, int limit) {
      fetches++;
      return all.stream()
          .filter(s -> s.getId() > afterId)
          .filter(s -> query.reviewStatus().map(r -> r == s.getReviewStatus()).orElse(true))
          .limit(limit)
          .toList();
    }

    @Override
    public AgentSession save(AgentSession session) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<AgentSession> findById(long id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Page<AgentSession> list(SessionQuery query, int page, int size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<ai.atlas.core.domain.session.TrajectoryEvent> eventsAfter(long sessionId, int afterSeq) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ai.atlas.core.domain.session.TrajectoryEvent> appendEvent(long sessionId, String type, String payloadJson,
        Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ai.atlas.core.domain.session.RewardWindow rewardWindow(String learningKey, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ai.atlas.core.domain.session.SessionStatus> statusOf(long sessionId) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void readsTheApprovedSessionsInIdOrderPageByPage() throws Exception {
    InMemorySessions sessions = new InMemorySessions();
    SessionReader reader = reader(sessions, "approved", 2);
    reader.open(null);

    assertThat(readAll(reader)).containsExactly(1L, 3L, 5L, 7L);
    assertThat(sessions.fetches).isEqualTo(3); // [1,3] [5,7] [] — a short page ends the walk
  }

  @Test
  void anyReadsEverySession() throws Exception {
    SessionReader reader = reader(new InMemorySessions(), "any", 3);
    reader.open(null);
    assertThat(readAll(reader)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
  }

  @Test
  void restartsAfterTheCheckpointedSession() throws Exception {
    SessionReader first = reader(new InMemorySessions(), "any", 3);
    first.open(null);
    first.readItem();
    first.readItem();
    Serializable checkpoint = first.checkpointInfo();

    SessionReader restarted = reader(new InMemorySessions(), "any", 3);
    restarted.open(checkpoint);
    assertThat(readAll(restarted)).containsExactly(3L, 4L, 5L, 6L, 7L);
  }

  private static SessionReader reader(SessionRepository sessions, String reviewStatus, int pageSize) {
    SessionReader reader = new SessionReader();
    reader.sessions = sessions;
    reader.reviewStatus = reviewStatus;
    reader.pageSize = Integer.toString(pageSize);
    return reader;
  }

  private static List<Long> readAll(SessionReader reader) {
    List<Long> ids = new ArrayList<>();
    for (Object item = reader.readItem(); item != null; item = reader.readItem()) {
      ids.add(((AgentSession) item).getId());
    }
    return ids;
  }
}
