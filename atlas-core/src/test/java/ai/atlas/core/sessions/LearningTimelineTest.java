package ai.atlas.core.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.SessionOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearningTimelineTest {

  private static SessionOutcome outcome(long id, String at, String lane, Double reward, Double drift) {
    return new SessionOutcome(id, Instant.parse(at), "math", lane, reward, drift, ReviewStatus.PENDING);
  }

  @Test
  void bucketsSessionsWithTheirMeanRewardAndLaneMixOldestFirst() {
    List<SessionOutcome> newestFirst = List.of(
        outcome(5, "2026-11-02T09:30:00Z", "auto", 0.9, null),
        outcome(4, "2026-11-02T08:10:00Z", "paired", null, null),
        outcome(3, "2026-11-01T23:59:59Z", "coach", 0.5, 4.2),
        outcome(2, "2026-11-01T10:00:00Z", "coach", 0.3, null),
        outcome(1, "2026-11-01T00:00:00Z", null, 0.1, null));
    LearningTimeline days = LearningTimeline.of(newestFirst, LearningTimeline.Bucket.DAY);
    assertThat(days.sessions()).isEqualTo(5);
    assertThat(days.points()).hasSize(2);
    LearningTimeline.Point first = days.points().get(0);
    assertThat(first.start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(first.sessions()).isEqualTo(3);
    assertThat(first.meanReward()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(first.lanes()).isEqualTo(Map.of("coach", 2, "unknown", 1));
    LearningTimeline.Point second = days.points().get(1);
    // a session without a reward counts in the lane mix but not in the mean
    assertThat(second.sessions()).isEqualTo(2);
    assertThat(second.rewarded()).isEqualTo(1);
    assertThat(second.meanReward()).isEqualTo(0.9);
    assertThat(days.drift()).singleElement().satisfies(alert -> {
      assertThat(alert.sessionId()).isEqualTo(3);
      assertThat(alert.driftScore()).isEqualTo(4.2);
      assertThat(alert.reviewStatus()).isEqualTo("pending");
    });

    assertThat(LearningTimeline.of(newestFirst, LearningTimeline.Bucket.HOUR).points()).hasSize(5);
  }

  @Test
  void aBucketWithNoRewardHasNoMeanAndUnknownBucketsAreRefused() {
    LearningTimeline timeline = LearningTimeline.of(List.of(outcome(1, "2026-11-01T00:00:00Z", "auto", null, null)),
        LearningTimeline.Bucket.of("Day"));
    assertThat(timeline.points().get(0).meanReward()).isNull();
    assertThat(LearningTimeline.of(List.of(), LearningTimeline.Bucket.HOUR).points()).isEmpty();
    assertThatThrownBy(() -> LearningTimeline.Bucket.of("week")).isInstanceOf(InvalidInputException.class)
        .hasMessage("'bucket' must be hour, day or sessions, not 'week'");
  }

  @Test
  void runsOfSessionsCountFromTheOldestWhateverTheHour() {
    // four sessions within one minute: a day or an hour shows one point, runs of two show the rise
    List<SessionOutcome> newestFirst = List.of(
        outcome(14, "2026-11-01T10:00:40Z", "paired", 1.0, null),
        outcome(13, "2026-11-01T10:00:30Z", "paired", 1.0, null),
        outcome(12, "2026-11-01T10:00:20Z", "paired", 0.0, null),
        outcome(11, "2026-11-01T10:00:10Z", "paired", 0.0, null),
        outcome(10, "2026-11-01T10:00:00Z", "paired", 1.0, null));
    assertThat(LearningTimeline.of(newestFirst, LearningTimeline.Bucket.HOUR).points()).singleElement()
        .satisfies(p -> assertThat(p.meanReward()).isEqualTo(0.6));
    LearningTimeline runs = LearningTimeline.of(newestFirst, LearningTimeline.Bucket.of("sessions"), 2);
    assertThat(runs.bucket()).isEqualTo("sessions");
    assertThat(runs.points()).extracting(LearningTimeline.Point::firstSession, LearningTimeline.Point::lastSession,
            LearningTimeline.Point::sessions, LearningTimeline.Point::meanReward)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(10L, 11L, 2, 0.5), org.assertj.core.groups.Tuple.tuple(12L, 13L, 2, 0.5),
            org.assertj.core.groups.Tuple.tuple(14L, 14L, 1, 1.0));
    assertThat(runs.points().get(1).start()).isEqualTo(Instant.parse("2026-11-01T10:00:20Z"));
    assertThat(LearningTimeline.of(newestFirst, LearningTimeline.Bucket.SESSIONS).points()).singleElement()
        .satisfies(p -> assertThat(p.sessions()).isEqualTo(5));
    assertThatThrownBy(() -> LearningTimeline.of(newestFirst, LearningTimeline.Bucket.SESSIONS, 0))
        .isInstanceOf(InvalidInputException.class).hasMessage("'size' must be between 1 and 1000, not 0");
  }
}
