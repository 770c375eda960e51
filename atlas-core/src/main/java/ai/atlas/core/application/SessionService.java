package ai.atlas.core.application;

import ai.atlas.core.application.trace.AtlasTraceFormat;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.Page;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.SessionQuery;
import ai.atlas.core.domain.session.SessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.function.Function;

/**
 * Reading, importing and reviewing stored sessions. Each method is one transaction and hands back
 * what its caller needs, mapped while the session is still attached, so lazy parts (steps, events)
 * never leak out unloaded.
 */
@ApplicationScoped
@Transactional
public class SessionService {

  /** The largest page a listing returns. */
  public static final int MAX_PAGE_SIZE = 200;

  private SessionRepository sessions;
  private Clock clock;

  protected SessionService() {}

  @Inject
  public SessionService(SessionRepository sessions) {
    this(sessions, Clock.systemUTC());
  }

  public SessionService(SessionRepository sessions, Clock clock) {
    this.sessions = sessions;
    this.clock = clock;
  }

  public <T> T get(long id, Function<AgentSession, T> view) {
    return view.apply(find(id));
  }

  public <T> Page<T> list(SessionQuery query, int page, int size, Function<AgentSession, T> view) {
    if (page < 0) {
      throw new InvalidInputException("'page' must be 0 or more, not " + page);
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidInputException("'size' must be between 1 and " + MAX_PAGE_SIZE + ", not " + size);
    }
    if ((long) page * size > Integer.MAX_VALUE) {
      throw new InvalidInputException("'page' is too large: page × size must stay below " + Integer.MAX_VALUE);
    }
    Page<AgentSession> found = sessions.list(query, page, size);
    return new Page<>(found.items().stream().map(view).toList(), page, size, found.total());
  }

  /** Stores a session given as an {@code atlas} trace record; it starts pending review. */
  public long importTrace(JsonObject record) {
    return sessions.save(AtlasTraceFormat.fromJson(record, clock.instant())).getId();
  }

  /** Moves a session to a review status, recording who did it and why. */
  public <T> T review(long id, ReviewStatus to, String note, String actor, Function<AgentSession, T> view) {
    AgentSession session = find(id);
    session.review(to, note, actor, clock.instant());
    return view.apply(sessions.save(session));
  }

  private AgentSession find(long id) {
    return sessions.findById(id).orElseThrow(() -> new NotFoundException("no session with id " + id));
  }
}
