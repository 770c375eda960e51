package ai.atlas.core.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.Feedback;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.spi.ToolCall;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The sample parser, feedback and tool signals and their blend. */
class RewardSignalsTest {

  @Test
  void samplesParseFromFencesAndProseAndOtherwiseSayWhy() {
    Sample fenced = SampleParser.parse("Sure.\n```json\n{\"score\": 0.7, \"uncertainty\": 0.2, \"rationale\": \"a {brace} in text\"}\n```", 0.5);
    assertThat(fenced.parsed()).isTrue();
    assertThat(fenced.score()).isEqualTo(0.7);
    assertThat(fenced.rationale()).isEqualTo("a {brace} in text");

    Sample afterBraces = SampleParser.parse("Use {this} format: {\"score\": \"0.4\"}", 0.2);
    assertThat(afterBraces.score()).isEqualTo(0.4);
    assertThat(afterBraces.uncertainty()).isEqualTo(1.0); // unsaid uncertainty counts as unsure

    assertThat(SampleParser.parse("{\"score\": 1.5}", 0).failure()).isEqualTo("no score in [0, 1]");
    assertThat(SampleParser.parse("{\"rationale\": \"fine\"}", 0).failure()).isEqualTo("no score in [0, 1]");
    assertThat(SampleParser.parse("{\"score\": 0.5", 0).failure()).isEqualTo("no JSON object in the answer");
  }

  private static AgentSession answered(String answer) {
    AgentSession session = new AgentSession("task", Instant.EPOCH);
    session.complete(SessionStatus.SUCCEEDED, answer, Instant.EPOCH);
    return session;
  }

  @Test
  void feedbackScoresEachKindAndEditsByHowLittleTheyChanged() {
    AgentSession session = answered("The answer is 42.");
    session.giveFeedback(Feedback.Kind.THUMBS, 1.0, null, null, "a", Instant.EPOCH);
    session.giveFeedback(Feedback.Kind.RATING, 0.25, null, null, "b", Instant.EPOCH);
    session.giveFeedback(Feedback.Kind.REJECT, 0.0, null, null, "c", Instant.EPOCH);
    session.giveFeedback(Feedback.Kind.EDIT, null, null, "The answer is 42!", "d", Instant.EPOCH);

    assertThat(session.getFeedback()).extracting(f -> FeedbackReward.score(f, "The answer is 42."))
        .containsExactly(1.0, 0.25, 0.0, 1 - 1 / 17.0);
    assertThat(FeedbackReward.feedbackScore(session.getFeedback(), "The answer is 42.").getAsDouble())
        .isCloseTo((1.0 + 0.25 + 0.0 + 16 / 17.0) / 4, within(1e-12));
    assertThat(FeedbackReward.similarity("abc", "xyz")).isZero();
  }

  @Test
  void toolOutcomesAreTheShareOfReportedCallsThatSucceeded() {
    assertThat(FeedbackReward.toolScore(List.of(new ToolCall("1", "a", "{}", "ok", true), new ToolCall("2", "b", "{}", null, false),
        new ToolCall("3", "c", "{}"))).getAsDouble()).isEqualTo(0.5);
    assertThat(FeedbackReward.toolScore(List.of(new ToolCall("3", "c", "{}")))).isEmpty();
  }

  @Test
  void signalsBlendByTheirWeightsAndMissingOnesGiveTheirWeightAway() {
    assertThat(FeedbackReward.blend(0.8, OptionalDouble.of(0.0), OptionalDouble.of(1.0), 0.3, 0.1))
        .isCloseTo(0.6 * 0.8 + 0.3 * 0.0 + 0.1 * 1.0, within(1e-12));
    assertThat(FeedbackReward.blend(0.8, OptionalDouble.empty(), OptionalDouble.empty(), 0.3, 0.1)).isEqualTo(0.8);
    assertThat(FeedbackReward.blend(null, OptionalDouble.of(0.5), OptionalDouble.empty(), 0.3, 0.1)).isEqualTo(0.5);
    assertThat(FeedbackReward.blend(null, OptionalDouble.empty(), OptionalDouble.empty(), 0.3, 0.1)).isNull();
  }

  @Test
  void feedbackRescoresASessionWithTheWeightsItWasScoredWith() {
    AgentSession session = answered("42");
    session.setRewardStats("{\"score\": 0.9, \"judges_score\": 0.9, \"feedback_weight\": 0.5, \"tool_weight\": 0.0}");
    session.setSessionReward(0.9);
    session.giveFeedback(Feedback.Kind.THUMBS, 0.0, null, null, "a", Instant.EPOCH);

    FeedbackReward.rescore(session);

    assertThat(session.getSessionReward()).contains(0.45);
    assertThat(session.getRewardStats().orElseThrow()).contains("\"feedback_score\":0.0").contains("\"judges_score\":0.9");
  }
}
