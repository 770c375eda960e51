package ai.atlas.core.runtime;

import ai.atlas.core.application.playbook.PlaybookService;
import ai.atlas.core.domain.reward.DriftDetector;
import ai.atlas.core.domain.session.RewardWindow;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.spi.AgentTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One accepted session from start to finish: its playbook, the {@link Orchestrator}'s run, the
 * judges' scores (and the guided retry below the threshold), the drift rule, the playbook's
 * outcome and learning, and the recorded outcome. The learning key's reward history is read once,
 * before the run, and serves the lane choice, the drift rule and the playbook's accounting.
 */
@ApplicationScoped
public class SessionExecution {

  private static final Logger LOG = Logger.getLogger(SessionExecution.class.getName());

  @Inject SessionRecorder recorder;
  @Inject SessionLearning learning;
  @Inject Instance<PriceTable> configuredPrices;
  @Inject Instance<RuntimeMetrics> configuredMetrics;

  /** Runs the session to its end and records it; answers its status. Failures of the run are the session's, recorded. */
  SessionStatus execute(long id, RuntimeProfile profile, Participants participants, SessionRuntime.Request request,
      String learningKey) {
    SessionEvents events = (type, payload) -> recorder.event(id, type, payload);
    PromptTemplates prompts = PromptTemplates.withOverrides(profile.prompts());
    PlaybookService.Injection injection = learning.inject(profile, learningKey, request.task(), events);
    DriftDetector.Settings driftRule = profile.review().drift();
    RewardWindow history = recorder.rewardWindow(learningKey, Math.max(profile.learning().historyLimit(),
        driftRule.enabled() ? driftRule.window() : 0));
    AgentTask task = task(profile, request);
    RunResult result;
    Orchestrator orchestrator = null;
    try {
      orchestrator = participants.orchestrator(profile, prompts, pricing(profile));
      result = orchestrator.run(task, history.last(profile.learning().historyLimit()), injection.lines(), injection.teacherLines(),
          events);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "session " + id + " failed", e);
      events.event("session.failed", Map.of("reason", String.valueOf(e.getMessage())));
      result = RunResult.failed(null, String.valueOf(e.getMessage()));
    }
    Double reward = null;
    String stats = null;
    if (result.status() != SessionStatus.FAILED && participants.grader().isPresent()) {
      try {
        SessionScorer scorer = new SessionScorer(id, profile, participants.grader().get(), request, events);
        SessionScorer.Scores scores = scorer.score(result);
        result = result.withMoreUsage(scores.usage()); // the judges' model calls are the session's too
        if (profile.rim().retries(scores.reward()) && orchestrator != null) {
          SessionScorer.Retried retried = scorer.retry(orchestrator, task, result, scores, injection.lines());
          result = retried.result();
          scores = retried.scores();
        }
        reward = scores.reward();
        stats = scores.stats();
      } catch (RuntimeException e) {
        // A judge that fails outright leaves the session unscored, never unfinished.
        LOG.log(Level.WARNING, "session " + id + " could not be scored", e);
        events.event("reward.failed", Map.of("reason", String.valueOf(e.getMessage())));
      }
    }
    Double drift = reward == null ? null : drift(profile, history, reward, events);
    learning.recordOutcome(profile, learningKey, injection, reward, history);
    if (SessionLearning.distils(profile, result, reward)) {
      result = result.withMoreUsage(learning.learn(id, profile, participants, prompts, request.task(), result, reward, learningKey,
          events));
    }
    recorder.finish(id, result, reward, stats, drift, profile.review().autoApproveAt());
    metrics().finished(profile.name(), result.status(), result.usage(), result.costUsd());
    return result.status();
  }

  /** The task as the agent gets it: a chat's conversation and tools, else the profile's own tools (atlas-sdk's agent.tools). */
  private static AgentTask task(RuntimeProfile profile, SessionRuntime.Request request) {
    AgentTask task = AgentTask.of(request.task());
    if (request.chat() != null) {
      return task.withConversation(request.chat().messages(), request.chat().tools(), request.chat().toolChoice());
    }
    if (!profile.tools().tools().isEmpty()) {
      return task.withConversation(List.of(), profile.tools().tools(), profile.tools().toolChoice());
    }
    return task;
  }

  /** The robust z-score when the reward is far from the key's history (a person should look), else null. */
  private Double drift(RuntimeProfile profile, RewardWindow history, double reward, SessionEvents events) {
    DriftDetector.Settings rule = profile.review().drift();
    if (!rule.enabled()) {
      return null;
    }
    List<Double> window = history.last(rule.window());
    OptionalDouble z = rule.drift(window, reward);
    if (z.isEmpty()) {
      return null;
    }
    double drift = Math.min(z.getAsDouble(), DriftDetector.MAX_SCORE);
    events.event("drift", Map.of("reward", reward, "robust_z", drift, "history", window.size()));
    metrics().drift(profile.name());
    return drift;
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
}
