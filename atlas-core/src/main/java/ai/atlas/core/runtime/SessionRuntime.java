package ai.atlas.core.runtime;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.ServerBusyException;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.plugins.ProfileComponents;
import ai.atlas.core.profile.Lane;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.core.reward.RewardSystem;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ToolDefinition;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Admits tasks into ATLAS: resolves the profile into its plugin components
 * ({@link ProfileComponents}, {@link Participants}), refuses what cannot run before anything is
 * recorded, and either queues the session durably ({@link #submit}) or runs it on the server's
 * managed executor at once ({@link #run}, at most {@code concurrent + queued} sessions, beyond
 * that {@link ServerBusyException}). A session that has started is {@link SessionExecution}'s; a
 * session that cannot finish is failed with its reason, even across an outage of the database.
 * A team's own Jakarta EE application can inject this bean and call {@link #run} without HTTP.
 */
@ApplicationScoped
public class SessionRuntime {

  private static final Logger LOG = Logger.getLogger(SessionRuntime.class.getName());

  @Inject ProfileComponents components;
  @Inject RewardSystem rewards;
  @Inject SessionRecorder recorder;
  @Inject SessionExecution execution;
  @Inject SessionQueue queue;
  @Inject Instance<RuntimeLimits> configuredLimits;

  @Resource ManagedExecutorService executor;

  private volatile Semaphore slots;
  private final Map<Long, String> unrecordedFailures = new ConcurrentHashMap<>();

  /** What to run: a task with a profile, optional metadata and an optional forced lane. */
  /** A task to run; {@code prompts}, when not null, are candidate templates to run it with (see {@link RuntimeProfile#forEvaluation}). */
  public record Request(String profile, String task, Map<String, String> metadata, Lane lane, Map<String, String> prompts,
      Chat chat) {
    public Request(String profile, String task, Map<String, String> metadata, Lane lane, Map<String, String> prompts) {
      this(profile, task, metadata, lane, prompts, null);
    }

    public Request(String profile, String task, Map<String, String> metadata, Lane lane) {
      this(profile, task, metadata, lane, null, null);
    }
  }

  /** A task that came as a chat (the OpenAI-compatible gateway): the caller's messages, tools and tool choice. */
  public record Chat(List<ChatMessage> messages, List<ToolDefinition> tools, String toolChoice) {
    public Chat {
      messages = messages == null ? List.of() : List.copyOf(messages);
      tools = tools == null ? List.of() : List.copyOf(tools);
    }
  }

  /** A session that was accepted: its id, and the future of its outcome. */
  public record Started(long sessionId, CompletableFuture<SessionStatus> outcome) {}

  private volatile RuntimeLimits limits;

  public RuntimeLimits limits() {
    RuntimeLimits current = limits;
    if (current == null) {
      current = configuredLimits.isResolvable() ? configuredLimits.get() : RuntimeLimits.defaults();
      limits = current;
    }
    return current;
  }

  /** Who submits a session to the queue, and how many of its sessions may wait there (empty: no limit of its own). */
  public record Submitter(String name, java.util.OptionalInt maxQueued) {}

  /**
   * Stores a session in the durable queue and answers its id: a server sharing the database runs
   * it as soon as it has a free slot, and a restart leaves it queued. The request is checked as
   * {@link #run} checks it, so a task that cannot run is refused now, not failed later. Refused with
   * {@link ServerBusyException} when the queue holds its bound, or the submitter its own limit.
   * Requests with candidate prompts or a chat are in-process only: {@link #run} them.
   */
  public long submit(Request request, Submitter submitter) {
    if (request.prompts() != null || request.chat() != null) {
      throw new IllegalArgumentException("sessions with candidate prompts or a chat run in process: use run");
    }
    RuntimeProfile profile = resolve(request);
    String learningKey = LearningKeys.of(profile.name(), request.task(), request.metadata());
    Participants.open(profile, components, rewards).close(); // its plugins can be made
    long queued = recorder.queuedCount();
    if (queued >= limits().queueBound()) {
      throw new ServerBusyException("the session queue holds " + queued + " sessions, its bound of " + limits().queueBound()
          + "; retry shortly", QUEUE_RETRY);
    }
    if (submitter.maxQueued().isPresent()) {
      long own = recorder.queuedCount(submitter.name());
      if (own >= submitter.maxQueued().getAsInt()) {
        throw new ServerBusyException("this caller has " + own + " sessions queued, at most " + submitter.maxQueued().getAsInt()
            + " may wait; retry when some have run", QUEUE_RETRY);
      }
    }
    long id = recorder.enqueue(profile.name(), request.task(), learningKey,
        profile.orchestration().triage().withDefaultTags(request.metadata()), request.lane(), submitter.name());
    queue.wake();
    return id;
  }

  /** How long a caller refused by a full queue is told to wait. */
  static final Duration QUEUE_RETRY = Duration.ofSeconds(5);

  /**
   * Runs a session this server claimed from the queue, with its profile as it is now; a profile
   * that was deleted or cannot be opened any more fails the session with the reason. Answers its status.
   */
  SessionStatus runClaimed(QueuedSession claimed) {
    Request request = new Request(claimed.profile(), claimed.task(), claimed.metadata(), claimed.lane());
    RuntimeProfile profile;
    Participants participants;
    try {
      profile = resolve(request);
      participants = Participants.open(profile, components, rewards);
    } catch (RuntimeException e) {
      return failClaimed(claimed, "the session could not start: " + e.getMessage());
    }
    try {
      return execution.execute(claimed.id(), profile, participants, request, claimed.learningKey());
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "session " + claimed.id() + " could not be finished", e);
      return failClaimed(claimed, "the session could not be finished: " + e.getMessage());
    } finally {
      participants.close();
    }
  }

  /** Fails a claimed session with a reason (see {@link #failRunning}). */
  SessionStatus failClaimed(QueuedSession claimed, String reason) {
    return failRunning(claimed.id(), reason);
  }

  /**
   * Fails a session this server was running, with a reason. When even that cannot be written (the
   * database is down, which is often why the session could not finish), it is kept and written by
   * {@link #recordPendingFailures} once the database answers again, so no session stays running
   * with half its trace until the next restart.
   */
  private SessionStatus failRunning(long id, String reason) {
    try {
      writeFailure(id, reason);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "session " + id + " could not be marked failed yet (" + reason + "); retried while the server runs", e);
      unrecordedFailures.put(id, reason);
    }
    return SessionStatus.FAILED;
  }

  /** Writes the failures that could not be written when they happened; the session queue calls it as it polls. */
  void recordPendingFailures() {
    for (Map.Entry<Long, String> pending : unrecordedFailures.entrySet()) {
      try {
        if (recorder.statusOf(pending.getKey()).filter(status -> status == SessionStatus.RUNNING).isPresent()) {
          writeFailure(pending.getKey(), pending.getValue());
        }
        unrecordedFailures.remove(pending.getKey());
      } catch (RuntimeException e) {
        return; // still unreachable: the next poll tries again
      }
    }
  }

  private void writeFailure(long id, String reason) {
    recorder.event(id, "session.failed", Map.of("reason", reason));
    recorder.finish(id, RunResult.failed(null, reason), null, null);
  }

  /** The request's profile as it runs: its prompt versions, the lane and candidate prompts asked for. */
  private RuntimeProfile resolve(Request request) {
    if (request.task() == null || request.task().isBlank()) {
      throw new InvalidInputException("'task' is required");
    }
    RuntimeProfile profile = components.resolve(request.profile());
    if (request.lane() != null) {
      profile = profile.withForcedLane(request.lane());
    }
    if (request.prompts() != null) {
      profile = profile.forEvaluation(request.prompts());
    }
    return profile;
  }

  /**
   * Accepts a session and runs it in the background on this server at once, holding one of its
   * in-process slots: for callers that wait for the answer in this JVM (the gateway, GEPA, the
   * pipeline). Work handed over to run later goes to {@link #submit}.
   */
  public Started run(Request request) {
    RuntimeProfile profile = resolve(request);
    String learningKey = LearningKeys.of(profile.name(), request.task(), request.metadata());
    Participants participants = Participants.open(profile, components, rewards);
    Semaphore permits = slots();
    if (!permits.tryAcquire()) {
      participants.close();
      throw new ServerBusyException("the server is running and queueing as many sessions as it may ("
          + (limits().concurrent() + limits().queued()) + "); retry shortly", Duration.ofSeconds(5));
    }
    long id;
    try {
      id = recorder.start(profile.name(), request.task(), learningKey, profile.orchestration().triage().withDefaultTags(request.metadata()));
    } catch (RuntimeException e) {
      permits.release();
      participants.close();
      throw e;
    }
    RuntimeProfile chosen = profile;
    CompletableFuture<SessionStatus> outcome = new CompletableFuture<>();
    try {
      executor.submit(() -> {
        try {
          outcome.complete(execution.execute(id, chosen, participants, request, learningKey));
        } catch (RuntimeException | Error e) {
          LOG.log(Level.WARNING, "session " + id + " could not be finished", e);
          failRunning(id, "the session could not be finished: " + e.getMessage());
          outcome.completeExceptionally(e);
        } finally {
          permits.release();
          participants.close();
        }
      });
    } catch (RuntimeException e) {
      permits.release();
      participants.close();
      recorder.finish(id, RunResult.failed(null, "the server could not schedule the session: " + e.getMessage()), null, null);
      throw new ServerBusyException("the server could not schedule the session; retry shortly", Duration.ofSeconds(5));
    }
    return new Started(id, outcome);
  }

  private Semaphore slots() {
    Semaphore current = slots;
    if (current == null) {
      synchronized (this) {
        if (slots == null) {
          slots = new Semaphore(limits().concurrent() + limits().queued());
        }
        current = slots;
      }
    }
    return current;
  }
}
