package ai.atlas.core.runtime;

import ai.atlas.core.profile.RewardSettings;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.core.reward.Evaluation;
import ai.atlas.core.reward.FeedbackReward;
import ai.atlas.core.reward.JudgeResult;
import ai.atlas.core.reward.RewardEvaluator;
import ai.atlas.core.reward.RewardSystem;
import ai.atlas.spi.AgentStep;
import ai.atlas.spi.AgentTask;
import ai.atlas.spi.TokenUsage;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Scores one session's answers with the judges its participants made: the reward system's score
 * blended with the tool outcomes the agent reported, each judge's verdict an event, and the stats
 * the session keeps so that feedback can blend in later. Also the one guided retry below the
 * profile's {@code rim.retry_threshold}.
 */
final class SessionScorer {

  /** A scored answer: the blended reward (null: unscored), the stats JSON, the judges' tokens, their rationale. */
  record Scores(Double reward, String stats, TokenUsage usage, String rationale) {}

  /** The answer a session keeps after a retry, with its scores. */
  record Retried(RunResult result, Scores scores) {}

  private final long sessionId;
  private final RuntimeProfile profile;
  private final RewardSystem.Grader grader;
  private final SessionRuntime.Request request;
  private final SessionEvents events;

  SessionScorer(long sessionId, RuntimeProfile profile, RewardSystem.Grader grader, SessionRuntime.Request request,
      SessionEvents events) {
    this.sessionId = sessionId;
    this.profile = profile;
    this.grader = grader;
    this.request = request;
    this.events = events;
  }

  /** The answer's scores, against the request's {@code reference} metadata when it has one. */
  Scores score(RunResult result) {
    String reference = request.metadata() == null ? null : request.metadata().get("reference");
    List<AgentStep> steps = result.steps().stream()
        .map(s -> new AgentStep(s.description(), s.output(), s.toolCalls())).toList();
    RewardEvaluator.Request scored = new RewardEvaluator.Request(request.task(), result.finalAnswer(), reference, null, steps,
        request.metadata());
    RewardSystem.Scored outcome = grader.evaluate(scored, sessionId);
    Evaluation evaluation = outcome.evaluation();
    JsonObjectBuilder judges = Json.createObjectBuilder();
    for (JudgeResult judge : evaluation.judges()) {
      judges.add(judge.name(), judgeStats(judge));
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("judge", judge.name());
      event.put("score", judge.score());
      event.put("rationale", judge.rationale());
      event.put("escalated", judge.escalated());
      events.event(judge.score() == null ? "judge.failed" : "judgement", event);
    }
    OptionalDouble tools = FeedbackReward.toolScore(result.steps().stream().flatMap(s -> s.toolCalls().stream()).toList());
    RewardSettings settings = profile.rim().settings();
    Double reward = FeedbackReward.blend(evaluation.score(), OptionalDouble.empty(), tools, settings.feedbackWeight(),
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

  private static JsonObjectBuilder judgeStats(JudgeResult judge) {
    JsonObjectBuilder one = Json.createObjectBuilder().add("weight", judge.weight()).add("uncertainty", judge.uncertainty())
        .add("rationale", judge.rationale()).add("escalated", judge.escalated()).add("dropped_samples", judge.droppedSamples());
    if (judge.score() != null) {
      one.add("score", judge.score());
    }
    if (judge.escalationReason() != null) {
      one.add("escalation_reason", judge.escalationReason());
    }
    return one;
  }

  /**
   * rim.retry_threshold: one more guided attempt, scored like the first; the session keeps the
   * retry's answer and score only when they beat the first, and counts both attempts' tokens.
   */
  Retried retry(Orchestrator orchestrator, AgentTask task, RunResult first, Scores firstScores, List<String> playbook) {
    RunResult again = orchestrator.retry(task, first, profile.rim().tagged(firstScores.rationale()), playbook, events);
    if (again.steps().size() == first.steps().size()) {
      return new Retried(again, firstScores); // the retry failed before the student answered: its event says why
    }
    Scores retried = score(again);
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
    return new Retried(new RunResult(first.status(), first.lane(), first.finalAnswer(), first.plan(), again.steps(),
        first.usage().plus(extra), again.costUsd(), first.failure()), firstScores);
  }
}
