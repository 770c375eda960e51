package ai.atlas.core.reward;

import ai.atlas.core.common.Json;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.Feedback;
import ai.atlas.core.profile.RewardSettings;
import ai.atlas.spi.ToolCall;
import java.util.List;
import java.util.OptionalDouble;

/**
 * People's feedback and tool outcomes as reward signals, and their blend with the judges. Each
 * feedback scores in [0, 1]: thumbs up 1, down 0; a rating of 1..5 stars 0, 0.25 .. 1; approve 1,
 * reject 0; an edited answer
 * by how little it changed the answer (1 minus the normalised edit distance). The feedback signal
 * is their mean; the tool signal is the share of tool calls that succeeded, among those whose
 * outcome the agent reported.
 */
public final class FeedbackReward {

  /** Long answers are compared on their first characters, so an edit costs bounded time. */
  static final int MAX_COMPARED = 4_000;

  private FeedbackReward() {}

  public static OptionalDouble feedbackScore(List<Feedback> feedback, String answer) {
    return feedback.stream().mapToDouble(f -> score(f, answer)).filter(s -> !Double.isNaN(s)).average();
  }

  static double score(Feedback f, String answer) {
    return switch (f.getKind()) {
      case APPROVE -> 1.0;
      case REJECT -> 0.0;
      case EDIT -> f.getEditedAnswer().map(edited -> similarity(answer == null ? "" : answer, edited)).orElse(Double.NaN);
      // thumbs and ratings are stored already on [0, 1] (up 1, down 0; 1..5 stars as 0, 0.25 .. 1)
      case THUMBS, RATING -> f.getRating().map(r -> Math.max(0, Math.min(1, r))).orElse(Double.NaN);
    };
  }

  public static OptionalDouble toolScore(List<ToolCall> calls) {
    List<Boolean> reported = calls.stream().map(ToolCall::succeeded).filter(s -> s != null).toList();
    if (reported.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(reported.stream().filter(Boolean::booleanValue).count() / (double) reported.size());
  }

  /**
   * The reward from the judges' score and the optional signals: feedback and tools weigh
   * {@code feedbackWeight} and {@code toolWeight}, the judges the rest; a missing signal's weight
   * goes to the others in proportion. Null when there is no signal at all.
   */
  public static Double blend(Double judges, OptionalDouble feedback, OptionalDouble tools, double feedbackWeight, double toolWeight) {
    double judgesWeight = 1 - feedbackWeight - toolWeight;
    double sum = 0;
    double weights = 0;
    if (judges != null) {
      sum += judgesWeight * judges;
      weights += judgesWeight;
    }
    if (feedback.isPresent()) {
      sum += feedbackWeight * feedback.getAsDouble();
      weights += feedbackWeight;
    }
    if (tools.isPresent()) {
      sum += toolWeight * tools.getAsDouble();
      weights += toolWeight;
    }
    if (weights == 0) {
      // only signals of weight 0: fall back to the plain mean of what there is
      OptionalDouble mean = java.util.stream.DoubleStream.concat(
          judges == null ? java.util.stream.DoubleStream.empty() : java.util.stream.DoubleStream.of(judges),
          java.util.stream.DoubleStream.concat(feedback.stream(), tools.stream())).average();
      return mean.isPresent() ? mean.getAsDouble() : null;
    }
    return sum / weights;
  }

  /** 1 minus the Levenshtein distance over the longer length: 1 for no change, 0 for a rewrite. */
  static double similarity(String a, String b) {
    String x = a.length() > MAX_COMPARED ? a.substring(0, MAX_COMPARED) : a;
    String y = b.length() > MAX_COMPARED ? b.substring(0, MAX_COMPARED) : b;
    int longer = Math.max(x.length(), y.length());
    if (longer == 0) {
      return 1.0;
    }
    int[] previous = new int[y.length() + 1];
    int[] current = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return 1.0 - previous[y.length()] / (double) longer;
  }

  /**
   * Sets a session's reward again from its judges' score, its tool outcomes (both kept in its
   * reward stats when it was scored) and all its feedback, with the weights it was scored with.
   */
  public static void rescore(AgentSession session) {
    jakarta.json.JsonValue stored = Json.stored(session.getRewardStats());
    jakarta.json.JsonObject stats = stored.getValueType() == jakarta.json.JsonValue.ValueType.OBJECT
        ? stored.asJsonObject() : jakarta.json.JsonValue.EMPTY_JSON_OBJECT;
    Double judges = stats.get("judges_score") instanceof jakarta.json.JsonNumber n ? n.doubleValue() : null;
    OptionalDouble tools = stats.get("tool_score") instanceof jakarta.json.JsonNumber n ? OptionalDouble.of(n.doubleValue())
        : OptionalDouble.empty();
    double feedbackWeight = stats.get("feedback_weight") instanceof jakarta.json.JsonNumber n ? n.doubleValue()
        : RewardSettings.DEFAULTS.feedbackWeight();
    double toolWeight = stats.get("tool_weight") instanceof jakarta.json.JsonNumber n ? n.doubleValue()
        : RewardSettings.DEFAULTS.toolWeight();
    OptionalDouble feedback = feedbackScore(session.getFeedback(), session.getFinalAnswer().orElse(""));
    Double reward = blend(judges, feedback, tools, feedbackWeight, toolWeight);
    jakarta.json.JsonObjectBuilder updated = jakarta.json.Json.createObjectBuilder(stats);
    if (feedback.isPresent()) {
      updated.add("feedback_score", feedback.getAsDouble());
    }
    if (reward != null) {
      updated.add("score", reward);
    }
    session.setRewardStats(updated.build().toString());
    session.setSessionReward(reward);
  }
}
