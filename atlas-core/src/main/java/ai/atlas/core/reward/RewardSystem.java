package ai.atlas.core.reward;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.plugins.ProfileComponents;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.spi.ChatModel;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reward system as a service: scores an interaction with a profile's judges (its {@code rim}
 * block), stores every call the judges made, and reports the evaluation to the metrics. A team's
 * Jakarta EE application can inject it and call {@link #evaluate(String, RewardEvaluator.Request)}
 * to grade its own agent without running sessions.
 */
@ApplicationScoped
public class RewardSystem {

  @Inject ProfileComponents components;
  @Inject JudgementRecorder recorder;
  @Inject Instance<RewardMetrics> configuredMetrics;

  @Resource ManagedExecutorService executor;

  /** An evaluation and the id its stored calls share. */
  public record Scored(String evaluationId, Evaluation evaluation) {}

  /** Scores with the judges of the named profile. */
  public Scored evaluate(String profileName, RewardEvaluator.Request request) {
    return grader(profileName).evaluate(request, null);
  }

  /**
   * The named profile's judges, set up once (its models and plugin judges made, its prompts
   * resolved) to score many interactions, as the reward-eval job does.
   */
  public Grader grader(String profileName) {
    RuntimeProfile profile = components.resolve(profileName);
    if (profile.judges().isEmpty()) {
      throw new InvalidInputException("profile '" + profileName + "' has no judges (rim.judges)");
    }
    return grader(profile, components.chatModel(profile, profile.teacher()));
  }

  /**
   * The profile's judges, made once to score many interactions: the teacher serves as the
   * judges' model where the profile names none. A session's participants make one per session.
   */
  public Grader grader(RuntimeProfile profile, ChatModel teacher) {
    ChatModel small = profile.rim().smallModel().map(c -> components.chatModel(profile, c)).orElse(teacher);
    ChatModel large = profile.rim().largeModel().map(c -> components.chatModel(profile, c)).orElse(teacher);
    List<RewardEvaluator.WeightedJudge> judges = new ArrayList<>();
    for (RuntimeProfile.WeightedJudge judge : profile.judges()) {
      judges.add(RuntimeProfile.isRubric(judge)
          ? new RewardEvaluator.WeightedJudge(judge.judge().type(), judge.weight(), null)
          : new RewardEvaluator.WeightedJudge(judge.name(), judge.weight(), components.judge(profile, judge, Map.of("teacher", teacher))));
    }
    return new Grader(profile.name(), new RewardEvaluator(small, large, judges, profile.rim().settings(),
        PromptTemplates.withOverrides(profile.prompts()), executor));
  }

  /** A profile's judges, ready to score. */
  public final class Grader {
    private final String profile;
    private final RewardEvaluator evaluator;

    private Grader(String profile, RewardEvaluator evaluator) {
      this.profile = profile;
      this.evaluator = evaluator;
    }

    /** Scores one interaction, stores every judge call (with the session's id, if any) and reports it. */
    public Scored evaluate(RewardEvaluator.Request request, Long sessionId) {
      if (request.prompt() == null || request.prompt().isBlank()) {
        throw new InvalidInputException("'prompt' is required");
      }
      if (request.response() == null) {
        throw new InvalidInputException("'response' is required");
      }
      Evaluation evaluation = evaluator.evaluate(request);
      String id = UUID.randomUUID().toString();
      recorder.record(id, sessionId, profile, evaluation.calls());
      (configuredMetrics.isResolvable() ? configuredMetrics.get() : RewardMetrics.NONE).evaluated(evaluation);
      return new Scored(id, evaluation);
    }
  }
}
