package ai.atlas.core.sessions;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.application.trace.AtlasTraceFormat;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.common.PayloadTooLargeException;
import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.domain.audit.AuditAction;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.Feedback;
import ai.atlas.core.domain.session.Page;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.SessionQuery;
import ai.atlas.core.domain.session.SessionRepository;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.domain.session.TrajectoryEvent;
import ai.atlas.core.profile.ImportPolicy;
import ai.atlas.core.profile.ImportPolicySource;
import ai.atlas.core.reward.FeedbackReward;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

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
  private AuditLog audit;
  private Supplier<ImportPolicy> policy;
  private Clock clock;

  protected SessionService() {}

  /**
   * The import policy comes from the application's configuration where it provides one, afresh
   * for each import, so a secret file added while the server runs is scrubbed from then on.
   */
  @Inject
  public SessionService(SessionRepository sessions, AuditLog audit, Instance<ImportPolicySource> policies) {
    this.sessions = sessions;
    this.audit = audit;
    // Resolved once: the source is application-scoped, so no dependent instance is created per call.
    ImportPolicySource source = policies.isResolvable() ? policies.get() : ImportPolicySource.DEFAULTS;
    this.policy = source::current;
    this.clock = Clock.systemUTC();
  }

  public SessionService(SessionRepository sessions, AuditLog audit, ImportPolicy policy, Clock clock) {
    this.sessions = sessions;
    this.audit = audit;
    this.policy = () -> policy;
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

  /** The learning timeline of the newest {@code limit} sessions the query matches. */
  public LearningTimeline learning(SessionQuery query, LearningTimeline.Bucket bucket, int run, int limit) {
    if (limit < 1 || limit > LearningTimeline.MAX_SESSIONS) {
      throw new InvalidInputException("'limit' must be between 1 and " + LearningTimeline.MAX_SESSIONS + ", not " + limit);
    }
    return LearningTimeline.of(sessions.outcomes(query, limit), bucket, run);
  }

  /**
   * Stores a session given as an {@code atlas} trace record; it starts pending review. A prompt or
   * answer over the length limit is refused, and live secrets in its text are replaced first.
   */
  public long importTrace(JsonObject record) {
    ImportPolicy policy = this.policy.get();
    checkLength(policy, record, "task", "task");
    checkLength(policy, record, "final_answer", "final_answer");
    JsonValue steps = record.get("steps");
    if (steps instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i) instanceof JsonObject step) {
          checkLength(policy, step, "output", "steps[" + i + "].output");
          checkLength(policy, step, "description", "steps[" + i + "].description");
        }
      }
    }
    JsonObject scrubbed = policy.secretScrubber().redact(record);
    return sessions.save(AtlasTraceFormat.fromJson(scrubbed, clock.instant())).getId();
  }

  /** Moves a session to a review status, recording who did it and why, in its history and the audit log. */
  public <T> T review(long id, ReviewStatus to, String note, Actor actor, Function<AgentSession, T> view) {
    AgentSession session = find(id);
    ReviewStatus from = session.getReviewStatus();
    session.review(to, note, actor.name(), clock.instant());
    T result = view.apply(sessions.save(session));
    audit.record(actor, AuditAction.SESSION_REVIEW, "session:" + id,
        from.wireName() + " -> " + to.wireName() + (note == null ? "" : ": " + note));
    return result;
  }

  private static void checkLength(ImportPolicy policy, JsonObject object, String field, String label) {
    if (object.get(field) instanceof JsonString text && text.getString().length() > policy.maxTextChars()) {
      throw new PayloadTooLargeException("'" + label + "' is " + text.getString().length()
          + " characters long; the limit is " + policy.maxTextChars());
    }
  }

  /**
   * Records feedback on a session's answer: {@code thumbs} ("up"/"down"), {@code rating} (1 to 5),
   * {@code approve}, {@code reject}, or {@code edit} (with the corrected answer), and a comment.
   */
  public <T> T feedback(long id, String kind, String value, String comment, String editedAnswer, Actor actor,
      Function<AgentSession, T> view) {
    Feedback.Kind parsed = java.util.Arrays.stream(Feedback.Kind.values())
        .filter(k -> k.wireName().equals(kind)).findFirst()
        .orElseThrow(() -> new InvalidInputException("'kind' must be one of thumbs, rating, approve, reject, edit, not '" + kind + "'"));
    Double rating = switch (parsed) {
      case THUMBS -> switch (value == null ? "" : value) {
        case "up" -> 1.0;
        case "down" -> 0.0;
        default -> throw new InvalidInputException("thumbs feedback needs 'value' up or down, not '" + value + "'");
      };
      case RATING -> {
        int stars;
        try {
          stars = Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
          stars = 0;
        }
        if (stars < 1 || stars > 5) {
          throw new InvalidInputException("rating feedback needs 'value' from 1 to 5, not '" + value + "'");
        }
        yield (stars - 1) / 4.0;
      }
      case APPROVE -> 1.0;
      case REJECT -> 0.0;
      case EDIT -> {
        if (editedAnswer == null || editedAnswer.isBlank()) {
          throw new InvalidInputException("edit feedback needs 'edited_answer'");
        }
        yield null;
      }
    };
    AgentSession session = find(id);
    session.giveFeedback(parsed, rating, comment, editedAnswer, actor.name(), clock.instant());
    // Feedback is a reward signal: the session's reward is blended again with it.
    FeedbackReward.rescore(session);
    return view.apply(sessions.save(session));
  }

  /** One page of an export: the lines of the sessions after an id, the last id read, and whether more may follow. */
  public record ExportPage(List<String> lines, long lastId, boolean more) {}

  /** Sessions after {@code afterId} in id order (keyset paging: memory stays flat), mapped to lines. */
  public ExportPage exportPage(SessionQuery query, long afterId, int limit, Function<AgentSession, List<String>> lines) {
    List<AgentSession> found = sessions.findAfter(query, afterId, limit);
    List<String> out = new java.util.ArrayList<>();
    found.forEach(s -> out.addAll(lines.apply(s)));
    long last = found.isEmpty() ? afterId : found.get(found.size() - 1).getId();
    return new ExportPage(out, last, found.size() == limit);
  }

  /** A session's events after a sequence number, and whether it is still queued or running: what an event stream polls. */
  public record EventsSince(List<TrajectoryEvent> events, boolean running) {}

  public EventsSince eventsAfter(long id, int afterSeq) {
    SessionStatus status =
        sessions.statusOf(id).orElseThrow(() -> new NotFoundException("no session with id " + id));
    // The status is read first: events written after it are picked up by the next poll.
    return new EventsSince(sessions.eventsAfter(id, afterSeq), !status.isFinished());
  }

  private AgentSession find(long id) {
    return sessions.findById(id).orElseThrow(() -> new NotFoundException("no session with id " + id));
  }
}
