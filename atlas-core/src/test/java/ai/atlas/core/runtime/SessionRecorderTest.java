package ai.atlas.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import ai.atlas.core.application.cluster.ServerIdentity;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.RewardWindow;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.infrastructure.persistence.jpa.JpaSessionRepository;
import ai.atlas.core.profile.Lane;
import ai.atlas.core.testing.TestDatabase;
import ai.atlas.spi.TokenUsage;
import ai.atlas.spi.ToolCall;
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

  private static jakarta.json.JsonArray array(String text) {
    return jakarta.json.Json.createReader(new java.io.StringReader(text)).readArray();
  }

  private static <T> T recorder(TestDatabase db, Function<SessionRecorder, T> work) {
    return db.inTransaction(em -> work.apply(new SessionRecorder(new JpaSessionRepository(em), em, CLOCK)));
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
        r.finish(id, new RunResult(SessionStatus.SUCCEEDED, Lane.COACH, "42", List.of("multiply", "answer"),
            List.of(new RunResult.Step("multiply", "42", List.of(
                new RunResult.Attempt(1, null, "41", false, "check the product"),
                new RunResult.Attempt(2, "check the product", "42", true, null)), true,
                List.of(new ToolCall("c1", "calculator", "{\"op\":\"*\"}", "42", true)))),
            new TokenUsage(30, 12), 0.0042, null), 0.75, "{\"score\":0.75}");
        return null;
      });

      db.runInTransaction(em -> {
        AgentSession done = em.find(AgentSession.class, id);
        assertThat(done.getStatus()).isEqualTo(SessionStatus.SUCCEEDED);
        assertThat(done.getExecutionMode()).contains("coach");
        assertThat(done.getPlan()).contains("[\"multiply\",\"answer\"]");
        assertThat(done.getCostUsd()).contains(0.0042);
        assertThat(done.getReviewStatus()).isEqualTo(ReviewStatus.PENDING);
        assertThat(done.getReviewDecisions()).isEmpty();
        assertThat(done.getFinalAnswer()).contains("42");
        assertThat(done.getSessionReward()).contains(0.75);
        assertThat(done.getPromptTokens()).isEqualTo(30);
        assertThat(done.getMetadata()).contains("{\"tenant\":\"acme\"}");
        assertThat(done.getSteps()).singleElement().satisfies(s -> {
          assertThat(s.getStatus()).contains("validated");
          assertThat(s.getAttempts()).extracting(a -> a.getNumber(), a -> a.getOutput().orElse(null),
                  a -> a.getGuidance().orElse(null), a -> a.getValid().orElse(null), a -> a.getFeedback().orElse(null))
              .containsExactly(tuple(1, "41", null, false, "check the product"), tuple(2, "42", "check the product", true, null));
          assertThat(array(s.getToolCalls().orElseThrow())).isEqualTo(array(
              "[{\"id\":\"c1\",\"name\":\"calculator\",\"arguments\":\"{\\\"op\\\":\\\"*\\\"}\",\"result\":\"42\",\"succeeded\":true}]"));
        });
        assertThat(done.getEvents()).singleElement().satisfies(e -> assertThat(json(e.getPayload().orElseThrow()))
            .isEqualTo(json("{\"lane\":\"paired\",\"confidence\":0.5,\"ok\":true,\"steps\":[\"a\",\"b\"]}")));
      });
      List<Double> history = recorder(db, r -> r.rewardWindow("key-1", 10)).recent();
      RewardWindow none = recorder(db, r -> r.rewardWindow("other", 10));
      assertThat(history).containsExactly(0.75);
      assertThat(none.recent()).isEmpty();
      assertThat(none.count()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void eventsAreNumberedInOrderWithoutReadingTheEarlierOnes(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      long id = recorder(db, r -> r.start("p", "task", "k", Map.of()));
      for (int i = 0; i < 5; i++) {
        int n = i;
        recorder(db, r -> {
          r.event(id, "step", Map.of("n", n));
          return null;
        });
      }
      List<Integer> seqs = db.inTransaction(em -> em.find(AgentSession.class, id).getEvents().stream()
          .map(e -> e.getSeq()).toList());
      assertThat(seqs).containsExactly(0, 1, 2, 3, 4);
      assertThatThrownBy(() -> recorder(db, r -> {
        r.event(id + 1000, "step", Map.of());
        return null;
      })).isInstanceOf(NotFoundException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theRewardWindowHoldsTheNewestRewardsOldestFirstAndTheCountAndSumOfAll(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      double[] rewards = {0.1, 0.2, 0.3, 0.4, 0.5};
      for (double reward : rewards) {
        long id = recorder(db, r -> r.start("p", "task", "key-w", Map.of()));
        recorder(db, r -> {
          r.finish(id, new RunResult(SessionStatus.SUCCEEDED, Lane.AUTO, "a", List.of(), List.of(), TokenUsage.ZERO, 0.0, null),
              reward, null);
          return null;
        });
      }
      RewardWindow window = recorder(db, r -> r.rewardWindow("key-w", 3));
      assertThat(window.recent()).containsExactly(0.3, 0.4, 0.5);
      assertThat(window.last(2)).containsExactly(0.4, 0.5);
      assertThat(window.count()).isEqualTo(5);
      assertThat(window.sum()).isCloseTo(1.5, within(1e-9));
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

  @ParameterizedTest
  @MethodSource("databases")
  void aRestartingServerFailsOnlyTheSessionsItWasRunning(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      ServerIdentity a = new ServerIdentity("host-a:/srv/atlas");
      ServerIdentity b = new ServerIdentity("host-b:/srv/atlas");
      long onA = db.inTransaction(em -> new SessionRecorder(new JpaSessionRepository(em), em, CLOCK, a).start("p", "task a", "k", Map.of()));
      long onB = db.inTransaction(em -> new SessionRecorder(new JpaSessionRepository(em), em, CLOCK, b).start("p", "task b", "k", Map.of()));
      // a session recorded before servers were named: whoever restarts first fails it
      long unnamed = db.inTransaction(em -> {
        long id = new SessionRecorder(new JpaSessionRepository(em), em, CLOCK, a).start("p", "task old", "k", Map.of());
        em.find(AgentSession.class, id).setServerId(null);
        return id;
      });

      int marked = db.inTransaction(em -> new SessionRecorder(new JpaSessionRepository(em), em, CLOCK, a).failInterrupted());

      assertThat(marked).isEqualTo(2);
      db.runInTransaction(em -> {
        assertThat(em.find(AgentSession.class, onA).getStatus()).isEqualTo(SessionStatus.FAILED);
        assertThat(em.find(AgentSession.class, unnamed).getStatus()).isEqualTo(SessionStatus.FAILED);
        assertThat(em.find(AgentSession.class, onB).getStatus()).isEqualTo(SessionStatus.RUNNING);
        assertThat(em.find(AgentSession.class, onB).getServerId()).hasValue("host-b:/srv/atlas");
      });
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aQueuedSessionKeepsWhatItNeedsToRunAndARestartLeavesItQueued(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      ServerIdentity a = new ServerIdentity("host-a:/srv/atlas");
      long id = db.inTransaction(em -> new SessionRecorder(new JpaSessionRepository(em), em, CLOCK, a)
          .enqueue("p", "What is 7*8?", "support/math", Map.of("reference", "56"), Lane.COACH, "key:abc"));

      int interrupted = db.inTransaction(em -> new SessionRecorder(new JpaSessionRepository(em), em, CLOCK, a).failInterrupted());
      assertThat(interrupted).isZero();
      java.util.Optional<SessionStatus> status = recorder(db, r -> r.statusOf(id));
      assertThat(status).contains(SessionStatus.QUEUED);
      long all = recorder(db, r -> r.queuedCount());
      long mine = recorder(db, r -> r.queuedCount("key:abc"));
      long others = recorder(db, r -> r.queuedCount("key:other"));
      assertThat(all).isEqualTo(1);
      assertThat(mine).isEqualTo(1);
      assertThat(others).isZero();

      List<QueuedSession> claimed = db.inTransaction(em -> new SessionRecorder(new JpaSessionRepository(em), em, CLOCK, a).claim(5));

      assertThat(claimed).containsExactly(
          new QueuedSession(id, "p", "What is 7*8?", "support/math", Map.of("reference", "56"), Lane.COACH));
      db.runInTransaction(em -> {
        AgentSession session = em.find(AgentSession.class, id);
        assertThat(session.getStatus()).isEqualTo(SessionStatus.RUNNING);
        assertThat(session.getServerId()).hasValue("host-a:/srv/atlas");
        assertThat(session.getSubmittedBy()).isEqualTo("key:abc");
      });
      long left = recorder(db, r -> r.queuedCount());
      assertThat(left).isZero();
      Map<Long, SessionStatus> finishedWhileRunning = recorder(db, r -> r.finishedAmong(List.of(id)));
      assertThat(finishedWhileRunning).isEmpty();
      recorder(db, r -> {
        r.finish(id, succeeded("56"), 1.0, null);
        return null;
      });
      Map<Long, SessionStatus> finished = recorder(db, r -> r.finishedAmong(List.of(id, 999_999L)));
      assertThat(finished).isEqualTo(Map.of(id, SessionStatus.SUCCEEDED));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void serversRacingForTheQueueEachClaimADifferentShareAndTogetherAllOfIt(String kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      List<Long> ids = new java.util.ArrayList<>();
      for (int i = 0; i < 60; i++) {
        int n = i;
        ids.add(recorder(db, r -> r.enqueue("p", "task " + n, "k", Map.of(), null, "alice")));
      }
      java.util.concurrent.ConcurrentLinkedQueue<String> claims = new java.util.concurrent.ConcurrentLinkedQueue<>();
      java.util.concurrent.ExecutorService servers = java.util.concurrent.Executors.newFixedThreadPool(2);
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (String server : List.of("host-a", "host-b")) {
        done.add(servers.submit(() -> {
          ServerIdentity me = new ServerIdentity(server);
          List<QueuedSession> got;
          do {
            got = db.inTransaction(em -> new SessionRecorder(new JpaSessionRepository(em), em, CLOCK, me).claim(3));
            got.forEach(q -> claims.add(q.id() + "@" + server));
          } while (!got.isEmpty());
        }));
      }
      for (var f : done) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
      servers.shutdown();

      List<Long> claimedIds = claims.stream().map(c -> Long.parseLong(c.substring(0, c.indexOf('@')))).toList();
      assertThat(claimedIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
      db.runInTransaction(em -> claims.forEach(c -> assertThat(em.find(AgentSession.class, Long.parseLong(c.substring(0, c.indexOf('@'))))
          .getServerId()).hasValue(c.substring(c.indexOf('@') + 1))));
    }
  }

  private static RunResult succeeded(String answer) {
    return new RunResult(SessionStatus.SUCCEEDED, Lane.AUTO, answer, List.of(), List.of(), TokenUsage.ZERO, null, null);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aDriftingSessionGoesBackToPendingWithTheReasonEvenWhenItWasApproved(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      long id = recorder(db, r -> r.start("p", "task", "k", Map.of()));
      db.runInTransaction(em -> em.find(AgentSession.class, id).review(ReviewStatus.APPROVED, "looks fine", "alice", CLOCK.instant()));

      recorder(db, r -> {
        r.finish(id, succeeded("x"), 0.05, null, 7.5, 0.5);
        return null;
      });

      db.runInTransaction(em -> {
        AgentSession done = em.find(AgentSession.class, id);
        assertThat(done.getReviewStatus()).isEqualTo(ReviewStatus.PENDING);
        assertThat(done.getDriftScore()).contains(7.5);
        assertThat(done.getReviewDecisions()).last().satisfies(d -> {
          assertThat(d.getActor()).isEqualTo(SessionRecorder.ATLAS);
          assertThat(d.getFrom()).isEqualTo(ReviewStatus.APPROVED);
          assertThat(d.getNote().orElseThrow()).contains("robust z-score 7.5");
        });
      });
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theProfilesRuleApprovesSucceededSessionsFromItsRewardAndNoOthers(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      long good = recorder(db, r -> r.start("p", "task", "k", Map.of()));
      long poor = recorder(db, r -> r.start("p", "task", "k", Map.of()));
      long manual = recorder(db, r -> r.start("p", "task", "k", Map.of()));
      recorder(db, r -> {
        r.finish(good, succeeded("x"), 0.9, null, null, 0.8);
        r.finish(poor, succeeded("y"), 0.7, null, null, 0.8);
        r.finish(manual, succeeded("z"), 1.0, null, null, null);
        return null;
      });

      db.runInTransaction(em -> {
        assertThat(em.find(AgentSession.class, good).getReviewStatus()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(em.find(AgentSession.class, good).getReviewDecisions()).singleElement()
            .satisfies(d -> assertThat(d.getNote().orElseThrow()).contains("reward 0.900 >= 0.800"));
        assertThat(em.find(AgentSession.class, poor).getReviewStatus()).isEqualTo(ReviewStatus.PENDING);
        assertThat(em.find(AgentSession.class, manual).getReviewStatus()).isEqualTo(ReviewStatus.PENDING);
      });
    }
  }
}
