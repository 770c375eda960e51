package ai.atlas.batch.export;

import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.SessionQuery;
import ai.atlas.core.domain.session.SessionRepository;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads sessions in id order, one page at a time. The page size equals the chunk size, so each
 * page is fetched at the start of a chunk and used up within that chunk's transaction. The
 * checkpoint is the id of the last session handed out.
 */
@Named("sessionReader")
@Dependent
public class SessionReader extends AbstractItemReader {

  /** Restart position: the id of the last session read. */
  public record Checkpoint(long lastId) implements Serializable {}

  @Inject SessionRepository sessions;

  @Inject
  @BatchProperty
  String reviewStatus;

  @Inject
  @BatchProperty
  String pageSize;

  /** Only this profile's sessions; blank: every profile's. */
  @Inject
  @BatchProperty
  String profile;

  private final Deque<AgentSession> page = new ArrayDeque<>();
  private SessionQuery query;
  private int size;
  private long lastId;
  private boolean exhausted;

  @Override
  public void open(Serializable checkpoint) {
    query = "any".equalsIgnoreCase(reviewStatus)
        ? SessionQuery.all()
        : SessionQuery.withReviewStatus(ReviewStatus.fromWire(reviewStatus).orElseThrow(
            () -> new IllegalArgumentException("reviewStatus must be any or one of " + ReviewStatus.wireNames())));
    if (profile != null && !profile.isBlank()) {
      query = query.profile(profile);
    }
    size = Integer.parseInt(pageSize);
    lastId = checkpoint instanceof Checkpoint c ? c.lastId() : 0L;
  }

  @Override
  public Object readItem() {
    if (page.isEmpty() && !exhausted) {
      var next = sessions.findAfter(query, lastId, size);
      exhausted = next.size() < size;
      page.addAll(next);
    }
    AgentSession session = page.poll();
    if (session != null) {
      lastId = session.getId();
    }
    return session;
  }

  @Override
  public Serializable checkpointInfo() {
    return new Checkpoint(lastId);
  }
}
