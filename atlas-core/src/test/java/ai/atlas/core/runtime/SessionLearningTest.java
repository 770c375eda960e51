package ai.atlas.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.profile.Lane;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.spi.TokenUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Which sessions are distilled into the playbook, and what the learning model is told happened. */
class SessionLearningTest {

  private static final RunResult.Step GUIDED = new RunResult.Step("answer", "c", List.of(
      new RunResult.Attempt(1, null, "b", false, "k1 q2 m3"),
      new RunResult.Attempt(2, "k1 q2 m3", "c", false, "k1 q2 m3")), false, List.of());

  @SuppressWarnings("unchecked")
  private static RuntimeProfile profile(String learning) {
    return RuntimeProfile.from("p", (Map<String, Object>) new Yaml().load("""
        agent: {type: local}
        teacher: {llm: {provider: local, model: t}}
        learning: %s
        """.formatted(learning)));
  }

  private static RunResult ended(SessionStatus status) {
    return new RunResult(status, Lane.PAIRED, "c", List.of(), List.of(GUIDED), TokenUsage.ZERO, null, null);
  }

  @Test
  void aScoredSessionIsDistilledWhateverItsVerdictAndAnUnscoredOneOnlyWhenItSucceeded() {
    RuntimeProfile learns = profile("{enabled: true}");

    // the teacher never accepted the guided answer, but the judges scored it: a lesson either way
    assertThat(SessionLearning.distils(learns, ended(SessionStatus.NEEDS_REVIEW), 1.0)).isTrue();
    assertThat(SessionLearning.distils(learns, ended(SessionStatus.NEEDS_REVIEW), 0.0)).isTrue();
    assertThat(SessionLearning.distils(learns, ended(SessionStatus.SUCCEEDED), null)).isTrue();
    assertThat(SessionLearning.distils(learns, ended(SessionStatus.NEEDS_REVIEW), null)).isFalse();
    assertThat(SessionLearning.distils(learns, ended(SessionStatus.ESCALATED), null)).isFalse();
    assertThat(SessionLearning.distils(learns, RunResult.failed(Lane.PAIRED, "down"), 1.0)).isFalse();
  }

  @Test
  void aProfileThatDoesNotLearnOrKeepsItsPlaybookIsNeverDistilled() {
    assertThat(SessionLearning.distils(profile("{enabled: false}"), ended(SessionStatus.SUCCEEDED), 1.0)).isFalse();
    assertThat(SessionLearning.distils(profile("{enabled: true, update_enabled: false}"), ended(SessionStatus.SUCCEEDED), 1.0))
        .isFalse();
  }

  @Test
  void theTraceHasEveryAttemptWithTheGuidanceItWasGivenAnEmptyOneIncluded() {
    assertThat(SessionLearning.trace(ended(SessionStatus.NEEDS_REVIEW)))
        .isEqualTo("- answer: b\n- answer, with guidance \"k1 q2 m3\": c");

    RunResult terse = new RunResult(SessionStatus.NEEDS_REVIEW, Lane.PAIRED, "b", List.of(), List.of(new RunResult.Step("answer", "b",
        List.of(new RunResult.Attempt(1, null, "b", false, null), new RunResult.Attempt(2, "", "b", false, null)), false, List.of())),
        TokenUsage.ZERO, null, null);
    assertThat(SessionLearning.trace(terse)).isEqualTo("- answer: b\n- answer, with guidance \"\": b");

    RunResult plain = new RunResult(SessionStatus.SUCCEEDED, Lane.COACH, "done", List.of("a", "b"), List.of(
        new RunResult.Step("look it up", "42", List.of(), true, List.of()),
        new RunResult.Step("write it", "done", List.of(new RunResult.Attempt(1, null, "done", true, null)), true, List.of())),
        TokenUsage.ZERO, null, null);
    assertThat(SessionLearning.trace(plain)).isEqualTo("- look it up: 42\n- write it: done");
  }
}
