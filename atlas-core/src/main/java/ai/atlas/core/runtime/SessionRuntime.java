package ai.atlas.core.runtime;

import ai.atlas.core.application.playbook.PlaybookService;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.ServerBusyException;
import ai.atlas.core.domain.reward.DriftDetector;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.plugins.PluginComponents;
import ai.atlas.core.profile.Lane;
import ai.atlas.core.profile.ProfileService;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.profile.PromptVersions;
import ai.atlas.core.profile.RewardSettings;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.core.reward.Evaluation;
import ai.atlas.core.reward.FeedbackReward;
import ai.atlas.core.reward.JudgeResult;
import ai.atlas.core.reward.RewardEvaluator;
import ai.atlas.core.reward.RewardSystem;
import ai.atlas.spi.AgentStep;
import ai.atlas.spi.AgentTask;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.TokenUsage;
import ai.atlas.spi.ToolDefinition;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Runs tasks through ATLAS: resolves the profile into plugin components, records the session as
 * it starts, runs the {@link Orchestrator} on the server's managed executor (at most
 * {@code concurrent + queued} sessions at once, beyond that {@link ServerBusyException}), scores
 * the answer with the profile's judges, and records the outcome. A team's own Jakarta EE
 * application can inject this bean and call {@link #run} without HTTP.
 */
@ApplicationScoped
public class SessionRuntime {

  private static final Logger LOG = Logger.getLogger(SessionRuntime.class.getName());

  @Inject ProfileService profiles;
  @Inject PluginComponents plugins;
  @Inject SessionRecorder recorder;
  @Inject PlaybookService playbooks;
  @Inject RewardSystem rewards;
  @Inject SessionQueue queue;
  @Inject PromptVersions promptVersions;
  @Inject Instance<RuntimeLimits> configuredLimits;
  @Inject Instance<PriceTable> configuredPrices;
  @Inject Instance<RuntimeMetrics> configuredMetrics;

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

  private RuntimeMetrics metrics() {
    return configuredMetrics.isResolvable() ? configuredMetrics.get() : RuntimeMetrics.NONE;
  }

  private Orchestrator.Pricing pricing(RuntimeProfile profile) {
    PriceTable prices = configuredPrices.isResolvable() ? configuredPrices.get() : PriceTable.EMPTY;
    return new Orchestrator.Pricing(prices.priceOf(RuntimeProfile.modelOf(profile.agent())),
        prices.priceOf(RuntimeProfile.modelOf(profile.teacher())),
        profile.probe().flatMap(p -> prices.priceOf(RuntimeProfile.modelOf(p))));
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
    String learningKey = learningKey(profile.name(), request.task(), request.metadata());
    Participants.open(profile, plugins.registry(), plugins.secrets()).close(); // its plugins can be made
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
      participants = Participants.open(profile, plugins.registry(), plugins.secrets());
    } catch (RuntimeException e) {
      return failClaimed(claimed, "the session could not start: " + e.getMessage());
    }
    try {
      return execute(claimed.id(), profile, participants, request, claimed.learningKey());
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
    RuntimeProfile profile = promptVersions.apply(RuntimeProfile.from(request.profile(), profiles.get(request.profile()).document()));
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
    String learningKey = learningKey(profile.name(), request.task(), request.metadata());
    Participants participants = Participants.open(profile, plugins.registry(), plugins.secrets());
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
          outcome.complete(execute(id, chosen, participants, request, learningKey));
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

  private SessionStatus execute(long id, RuntimeProfile profile, Participants participants, Request request, String learningKey) {
    SessionEvents events = (type, payload) -> recorder.event(id, type, payload);
    PromptTemplates prompts = PromptTemplates.withOverrides(profile.prompts());
    PlaybookService.Injection injection = profile.learning().injects()
        ? playbooks.forSession(learningKey, request.task(), profile.learning().playbookMaxChars())
        : PlaybookService.Injection.NONE;
    if (!injection.entryIds().isEmpty() || injection.notCued() > 0) {
      events.event("playbook.injected", Map.of("entries", injection.entryIds(), "student", injection.studentIds(),
          "teacher", injection.teacherIds(), "not_cued", injection.notCued()));
    }
    RunResult result;
    Orchestrator orchestrator = null;
    AgentTask task = AgentTask.of(request.task());
    if (request.chat() != null) {
      task = task.withConversation(request.chat().messages(), request.chat().tools(), request.chat().toolChoice());
    } else if (!profile.tools().tools().isEmpty()) {
      // the profile's own tools (atlas-sdk's agent.tools), offered on every call
      task = task.withConversation(List.of(), profile.tools().tools(), profile.tools().toolChoice());
    }
    try {
      orchestrator = participants.orchestrator(profile, prompts, pricing(profile));
      result = orchestrator.run(task, recorder.rewardHistory(learningKey, profile.learning().historyLimit()), injection.lines(),
          injection.teacherLines(), events);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "session " + id + " failed", e);
      events.event("session.failed", Map.of("reason", String.valueOf(e.getMessage())));
      result = RunResult.failed(null, String.valueOf(e.getMessage()));
    }
    Double reward = null;
    String stats = null;
    if (result.status() != SessionStatus.FAILED && !profile.judges().isEmpty()) {
      try {
        Scores scores = score(id, profile, participants, request, result, events);
        result = result.withMoreUsage(scores.usage()); // the judges' model calls are the session's too
        if (profile.rim().retries(scores.reward()) && orchestrator != null) {
          Retried retried = retry(id, profile, participants, orchestrator, task, request, result, scores, injection.lines(), events);
          result = retried.result();
          scores = retried.scores();
        }
        reward = scores.reward();
        stats = scores.stats();
      } catch (RuntimeException e) {
        // A judge that cannot even be set up leaves the session unscored, never unfinished.
        LOG.log(Level.WARNING, "session " + id + " could not be scored", e);
        events.event("reward.failed", Map.of("reason", String.valueOf(e.getMessage())));
      }
    }
    Double drift = null;
    DriftDetector.Settings driftRule = profile.review().drift();
    if (reward != null && driftRule.enabled()) {
      List<Double> history = recorder.rewardHistory(learningKey, driftRule.window());
      java.util.OptionalDouble z = driftRule.drift(history, reward);
      if (z.isPresent()) {
        // Far from the key's history: a person should look, whatever happened to its review so far.
        drift = Math.min(z.getAsDouble(), DriftDetector.MAX_SCORE);
        events.event("drift", Map.of("reward", reward, "robust_z", drift, "history", history.size()));
        metrics().drift(profile.name());
      }
    }
    if (reward != null && !injection.entryIds().isEmpty() && profile.learning().trackUsage()) {
      List<Double> keyRewards = recorder.rewardHistory(learningKey, 100_000);
      double sum = keyRewards.stream().mapToDouble(Double::doubleValue).sum() + reward;
      playbooks.recordOutcome(learningKey, injection.entryIds(), reward, sum, keyRewards.size() + 1L);
    }
    if (profile.learning().learns() && result.status() == SessionStatus.SUCCEEDED) {
      result = result.withMoreUsage(learn(id, profile, participants, prompts, request, result, learningKey, events));
    }
    recorder.finish(id, result, reward, stats, drift, profile.review().autoApproveAt());
    metrics().finished(profile.name(), result.status(), result.usage(), result.costUsd());
    return result.status();
  }

  /** Asks the teacher to distil the session into playbook entries; a failure is an event, never the session's. Answers the call's tokens. */
  private TokenUsage learn(long id, RuntimeProfile profile, Participants participants, PromptTemplates prompts, Request request,
      RunResult result, String learningKey, SessionEvents events) {
    PromptTemplates.Template template = prompts.get(PromptTemplates.LEARNING_SYNTHESIS);
    StringBuilder trace = new StringBuilder();
    result.steps().forEach(s -> trace.append("- ").append(s.description()).append(" -> ").append(s.output())
        .append(" (attempts ").append(s.attempts()).append(")\n"));
    try {
      var reply = participants.learner().chat(ChatRequest.of(List.of(ChatMessage.user(template.render(Map.of(
          "task", request.task(), "answer", String.valueOf(result.finalAnswer()), "trace", trace.toString()))))));
      List<PlaybookService.Candidate> candidates = TeacherReplies.candidates(reply.message().content());
      var stored = playbooks.learn(learningKey, profile.name(), id, candidates, result.finalAnswer(), profile.learning().gates(),
          profile.learning().rubric());
      events.event("playbook.learned", Map.of("proposed", candidates.size(), "kept", stored.size(),
          "template", template.name() + "@" + template.version(), "prompt_tokens", reply.usage().promptTokens(),
          "completion_tokens", reply.usage().completionTokens()));
      return reply.usage();
    } catch (RuntimeException e) {
      events.event("learning.failed", Map.of("reason", String.valueOf(e.getMessage())));
      return TokenUsage.ZERO;
    }
  }

  private record Scores(Double reward, String stats, TokenUsage usage, String rationale) {}

  private record Retried(RunResult result, Scores scores) {}

  /**
   * rim.retry_threshold: one more guided attempt, scored like the first; the session keeps the
   * retry's answer and score only when they beat the first, and counts both attempts' tokens.
   */
  private Retried retry(long id, RuntimeProfile profile, Participants participants, Orchestrator orchestrator,
      AgentTask task, Request request, RunResult first, Scores firstScores, List<String> playbook, SessionEvents events) {
    RunResult again = orchestrator.retry(task, first, profile.rim().tagged(firstScores.rationale()), playbook, events);
    if (again.steps().size() == first.steps().size()) {
      return new Retried(again, firstScores); // the retry failed before the student answered: its event says why
    }
    Scores retried = score(id, profile, participants, request, again, events);
    again = again.withMoreUsage(retried.usage());
    boolean better = retried.reward() != null && retried.reward() > firstScores.reward();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("threshold", profile.rim().retryThreshold());
    event.put("first_reward", firstScores.reward());
    event.put("retry_reward", retried.reward());
    event.put("kept", better ? "retry" : "first");
    events.event("reward.retry", event);
    if (better) {
      return new Retried(again, retried);
    }
    // the first answer stands, with everything the retry cost
    TokenUsage extra = new TokenUsage(again.usage().promptTokens() - first.usage().promptTokens(),
        again.usage().completionTokens() - first.usage().completionTokens());
    return new Retried(new RunResult(first.status(), first.lane(), first.finalAnswer(), first.plan(), again.steps(), first.usage().plus(extra),
        again.costUsd(), first.failure()), firstScores);
  }

  /**
   * The reward system's score of the answer, blended with the tool outcomes the agent reported;
   * the stats keep the judges' score and the weights, so feedback can blend in later.
   */
  private Scores score(long id, RuntimeProfile profile, Participants participants, Request request, RunResult result,
      SessionEvents events) {
    String reference = request.metadata() == null ? null : request.metadata().get("reference");
    List<AgentStep> steps = result.steps().stream()
        .map(s -> new AgentStep(s.description(), s.output(), s.toolCalls())).toList();
    RewardEvaluator.Request scored = new RewardEvaluator.Request(request.task(), result.finalAnswer(), reference, null, steps,
        request.metadata());
    RewardSystem.Scored outcome = rewards.evaluate(profile, participants.teacher(), scored, id);
    Evaluation evaluation = outcome.evaluation();
    JsonObjectBuilder judges = Json.createObjectBuilder();
    for (JudgeResult judge : evaluation.judges()) {
      JsonObjectBuilder one = Json.createObjectBuilder().add("weight", judge.weight()).add("uncertainty", judge.uncertainty())
          .add("rationale", judge.rationale()).add("escalated", judge.escalated()).add("dropped_samples", judge.droppedSamples());
      if (judge.score() != null) {
        one.add("score", judge.score());
      }
      if (judge.escalationReason() != null) {
        one.add("escalation_reason", judge.escalationReason());
      }
      judges.add(judge.name(), one);
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("judge", judge.name());
      event.put("score", judge.score());
      event.put("rationale", judge.rationale());
      event.put("escalated", judge.escalated());
      events.event(judge.score() == null ? "judge.failed" : "judgement", event);
    }
    java.util.OptionalDouble tools = FeedbackReward.toolScore(result.steps().stream().flatMap(s -> s.toolCalls().stream()).toList());
    RewardSettings settings = profile.rim().settings();
    Double reward = FeedbackReward.blend(evaluation.score(), java.util.OptionalDouble.empty(), tools, settings.feedbackWeight(),
        settings.toolWeight());
    if (reward == null) {
      return new Scores(null, null, evaluation.usage(), evaluation.rationale());
    }
    JsonObjectBuilder stats = Json.createObjectBuilder().add("score", reward).add("judges", judges)
        .add("rationale", evaluation.rationale()).add("arbiter_used", evaluation.arbiterUsed())
        .add("evaluation_id", outcome.evaluationId())
        .add("feedback_weight", settings.feedbackWeight()).add("tool_weight", settings.toolWeight())
        .add("tokens", evaluation.usage().promptTokens() + evaluation.usage().completionTokens());
    if (evaluation.score() != null) {
      stats.add("judges_score", evaluation.score());
    }
    tools.ifPresent(t -> stats.add("tool_score", t));
    return new Scores(reward, stats.build().toString(), evaluation.usage(), evaluation.rationale());
  }

  /** The metadata key by which a caller names the learning key of its session, as atlas-sdk's callers do. */
  public static final String LEARNING_KEY = "learning_key";

  private static final Pattern CALLER_KEY = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

  /**
   * The session's learning key: the caller's {@code learning_key} metadata when it gives one, so
   * that tasks it knows to be of one kind share lane history, drift and playbook however their
   * text differs; else {@link #learningKey(String, String)}.
   */
  static String learningKey(String profile, String task, Map<String, String> metadata) {
    String given = metadata == null ? null : metadata.get(LEARNING_KEY);
    if (given == null) {
      return learningKey(profile, task);
    }
    if (!CALLER_KEY.matcher(given).matches()) {
      throw new InvalidInputException("metadata '" + LEARNING_KEY + "' must be 1 to 128 letters, digits or . _ : / -");
    }
    return given;
  }

  /** A stable key of profile and {@link TaskKind}, so sessions of one kind of task share history and playbook. */
  static String learningKey(String profile, String task) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((profile + "\n" + TaskKind.of(task)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
