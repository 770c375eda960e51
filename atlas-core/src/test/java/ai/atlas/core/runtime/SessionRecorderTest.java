package ai.atlas.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.testing.TestDatabase;
import ai.atlas.spi.TokenUsage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SessionRecorderTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-08T09:10:11Z"), ZoneOffset.UTC);

  static List<String> databases() {
    return TestDatabase.available();
  }

  private static jakarta.json.JsonObject json(String text) {
    return jakarta.json.Json.createReader(new java.io.StringReader(text)).readObject();
  }

  private static <T> T recorder(TestDatabase db, Function<SessionRecorder, T> work) {
    return db.inTransaction(em -> work.apply(new SessionRecorder(em, CLOCK)));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aSessionIsWrittenAsItHappensAndCompletedWithItsOutcome(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      long id = recorder(db, r -> r.start("p", "What is 6*7?", "key-1", Map.of("tenant", "acme")));
      recorder(db, r -> {
        r.event(id, "lane.chosen", Map.of("lane", "paired", "confidence", 0.5, "ok", true, "steps", List.of("a", "b")));
        return null;
      });

      AgentSession midway = db.inTransaction(em -> em.find(AgentSession.class, id));
      assertThat(midway.getStatus()).isEqualTo(SessionStatus.RUNNING);

      recorder(db, r -> {
        r.finish(id, new RunResult(SessionStatus.SUCCEEDED, Lane.PAIRED, "42",
            List.of(new RunResult.Step("answer", "42", 2, true)), new TokenUsage(30, 12), null), 0.75, "{\"score\":0.75}");
        return null;
      });

      db.runInTransaction(em -> {
        AgentSession done = em.find(AgentSession.class, id);
        assertThat(done.getStatus()).isEqualTo(SessionStatus.SUCCEEDED);
        assertThat(done.getExecutionMode()).contains("paired");
        assertThat(done.getFinalAnswer()).contains("42");
        assertThat(done.getSessionReward()).contains(0.75);
        assertThat(done.getPromptTokens()).isEqualTo(30);
        assertThat(done.getMetadata()).contains("{\"tenant\":\"acme\"}");
        assertThat(done.getSteps()).singleElement().satisfies(s -> assertThat(s.getStatus()).contains("validated"));
        assertThat(done.getEvents()).singleElement().satisfies(e -> assertThat(json(e.getPayload().orElseThrow()))
            .isEqualTo(json("{\"lane\":\"paired\",\"confidence\":0.5,\"ok\":true,\"steps\":[\"a\",\"b\"]}")));
      });
      List<Double> history = recorder(db, r -> r.rewardHistory("key-1", 10));
      List<Double> none = recorder(db, r -> r.rewardHistory("other", 10));
      assertThat(history).containsExactly(0.75);
      assertThat(none).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void sessionsLeftRunningByACrashAreFailedAtTheNextStart(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      long id = recorder(db, r -> r.start("p", "task", "k", Map.of()));

      int marked = recorder(db, SessionRecorder::failInterrupted);
      assertThat(marked).isEqualTo(1);

      db.runInTransaction(em -> {
        AgentSession failed = em.find(AgentSession.class, id);
        assertThat(failed.getStatus()).isEqualTo(SessionStatus.FAILED);
        assertThat(failed.getFinalAnswer()).contains("the server stopped while the session ran");
      });
      int again = recorder(db, SessionRecorder::failInterrupted);
      assertThat(again).isZero();
    }
  }
}
