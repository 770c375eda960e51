package ai.atlas.core.infrastructure.persistence.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.Page;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.SessionQuery;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JpaSessionRepositoryTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

  static List<String> databases() {
    return TestDatabase.available();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void storesASessionWithItsStepsAndEventsAndReadsItBack(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      long id = db.inTransaction(em -> {
        AgentSession session = new AgentSession("Add 2 and 3", T0);
        session.setProfile("math");
        session.setLearningKey("k-1");
        session.setExecutionMode("paired");
        session.setMetadata("{\"tags\":[\"a\"]}");
        session.setRewardStats("{\"judges\":{\"accuracy\":0.9}}");
        session.setSessionReward(0.9);
        session.addTokenUsage(100, 20);
        session.addStep("compute").finish("5", "ok", 1.0);
        session.addStep("answer").finish("The answer is 5", "ok", null);
        session.recordEvent("model_call", "{\"role\":\"student\"}", T0.plusSeconds(1));
        session.complete(SessionStatus.SUCCEEDED, "5", T0.plusSeconds(2));
        return new JpaSessionRepository(em).save(session).getId();
      });

      db.runInTransaction(em -> {
        AgentSession found = new JpaSessionRepository(em).findById(id).orElseThrow();
        assertThat(found.getTask()).isEqualTo("Add 2 and 3");
        assertThat(found.getProfile()).contains("math");
        assertThat(found.getLearningKey()).contains("k-1");
        assertThat(found.getExecutionMode()).contains("paired");
        assertThat(found.getStatus()).isEqualTo(SessionStatus.SUCCEEDED);
        assertThat(found.getReviewStatus()).isEqualTo(ReviewStatus.PENDING);
        assertThat(found.getFinalAnswer()).contains("5");
        assertThat(found.getSessionReward()).contains(0.9);
        assertThat(found.getMetadata()).contains("{\"tags\":[\"a\"]}");
        assertThat(found.getPromptTokens()).isEqualTo(100);
        assertThat(found.getCompletionTokens()).isEqualTo(20);
        assertThat(found.getCreatedAt()).isEqualTo(T0);
        assertThat(found.getCompletedAt()).contains(T0.plusSeconds(2));
        assertThat(found.getSteps()).extracting(s -> s.getOutput().orElse(null)).containsExactly("5", "The answer is 5");
        assertThat(found.getSteps().get(1).getReward()).isEmpty();
        assertThat(found.getEvents()).singleElement().satisfies(e -> {
          assertThat(e.getType()).isEqualTo("model_call");
          assertThat(e.getPayload()).contains("{\"role\":\"student\"}");
          assertThat(e.getCreatedAt()).isEqualTo(T0.plusSeconds(1));
        });
      });
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aLongAnswerIsStoredWhole(String kind) {
    String answer = "x".repeat(2_000_000);
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      long id = db.inTransaction(em -> {
        AgentSession session = new AgentSession("long", T0);
        session.complete(SessionStatus.SUCCEEDED, answer, T0);
        return new JpaSessionRepository(em).save(session).getId();
      });
      db.runInTransaction(em -> {
        assertThat(new JpaSessionRepository(em).findById(id).orElseThrow().getFinalAnswer()).contains(answer);
      });
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void reviewDecisionsAreKeptInOrderWithTheirActor(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      long id = db.inTransaction(em -> new JpaSessionRepository(em).save(new AgentSession("t", T0)).getId());

      db.runInTransaction(em -> {
        var repository = new JpaSessionRepository(em);
        AgentSession session = repository.findById(id).orElseThrow();
        session.review(ReviewStatus.QUARANTINED, "contains a secret", "alice", T0.plusSeconds(10));
        session.review(ReviewStatus.APPROVED, null, "bob", T0.plusSeconds(20));
        repository.save(session);
      });

      db.runInTransaction(em -> {
        AgentSession session = new JpaSessionRepository(em).findById(id).orElseThrow();
        assertThat(session.getReviewStatus()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(session.getReviewNotes()).contains("contains a secret");
        assertThat(session.getReviewDecisions()).satisfiesExactly(
            first -> {
              assertThat(first.getFrom()).isEqualTo(ReviewStatus.PENDING);
              assertThat(first.getTo()).isEqualTo(ReviewStatus.QUARANTINED);
              assertThat(first.getActor()).isEqualTo("alice");
              assertThat(first.getNote()).contains("contains a secret");
            },
            second -> {
              assertThat(second.getFrom()).isEqualTo(ReviewStatus.QUARANTINED);
              assertThat(second.getTo()).isEqualTo(ReviewStatus.APPROVED);
              assertThat(second.getActor()).isEqualTo("bob");
              assertThat(second.getDecidedAt()).isEqualTo(T0.plusSeconds(20));
            });
      });
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void listsNewestFirstFilteredByReviewStatusAndPaged(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      List<Long> ids = db.inTransaction(em -> {
        var repository = new JpaSessionRepository(em);
        return java.util.stream.IntStream.range(0, 5).mapToObj(i -> {
          AgentSession s = new AgentSession("task " + i, T0.plusSeconds(i));
          if (i % 2 == 0) {
            s.review(ReviewStatus.APPROVED, null, "alice", T0);
          }
          return repository.save(s).getId();
        }).toList();
      });

      db.runInTransaction(em -> {
        var repository = new JpaSessionRepository(em);
        Page<AgentSession> approved = repository.list(SessionQuery.withReviewStatus(ReviewStatus.APPROVED), 0, 2);
        assertThat(approved.total()).isEqualTo(3);
        assertThat(approved.items()).extracting(AgentSession::getId).containsExactly(ids.get(4), ids.get(2));
        Page<AgentSession> secondPage = repository.list(SessionQuery.withReviewStatus(ReviewStatus.APPROVED), 1, 2);
        assertThat(secondPage.items()).extracting(AgentSession::getId).containsExactly(ids.get(0));
        assertThat(repository.list(SessionQuery.all(), 0, 10).total()).isEqualTo(5);
        assertThat(repository.list(SessionQuery.withReviewStatus(ReviewStatus.QUARANTINED), 0, 10).items()).isEmpty();
      });
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void filtersByStatusProfileLearningKeyTimeAndReward(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      List<Long> ids = db.inTransaction(em -> {
        var repository = new JpaSessionRepository(em);
        return java.util.stream.IntStream.range(0, 6).mapToObj(i -> {
          AgentSession s = new AgentSession("task " + i, T0.plusSeconds(60L * i));
          s.setProfile(i < 3 ? "alpha" : "beta");
          s.setLearningKey(i % 2 == 0 ? "even" : "odd");
          s.setSessionReward(i / 5.0);
          s.complete(i == 5 ? ai.atlas.core.domain.session.SessionStatus.FAILED : ai.atlas.core.domain.session.SessionStatus.SUCCEEDED,
              "a", T0);
          return repository.save(s).getId();
        }).toList();
      });

      db.runInTransaction(em -> {
        var repository = new JpaSessionRepository(em);
        assertThat(ids(repository.list(SessionQuery.all().profile("beta"), 0, 10))).containsExactly(ids.get(5), ids.get(4), ids.get(3));
        assertThat(ids(repository.list(SessionQuery.all().status(ai.atlas.core.domain.session.SessionStatus.FAILED), 0, 10)))
            .containsExactly(ids.get(5));
        assertThat(ids(repository.list(SessionQuery.all().learningKey("odd").profile("alpha"), 0, 10))).containsExactly(ids.get(1));
        assertThat(ids(repository.list(SessionQuery.all().createdBetween(T0.plusSeconds(60), T0.plusSeconds(180)), 0, 10)))
            .containsExactly(ids.get(2), ids.get(1));
        assertThat(ids(repository.list(SessionQuery.all().rewardBetween(0.4, 0.6), 0, 10))).containsExactly(ids.get(3), ids.get(2));
        assertThat(repository.findAfter(SessionQuery.all().profile("alpha"), ids.get(0), 10)).extracting(AgentSession::getId)
            .containsExactly(ids.get(1), ids.get(2));
      });
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void eventsAfterASequenceNumberAndTheStatusAreReadWithoutTheSession(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      long id = db.inTransaction(em -> {
        AgentSession s = new AgentSession("t", T0);
        for (int i = 0; i < 4; i++) {
          s.recordEvent("e" + i, "{}", T0);
        }
        return new JpaSessionRepository(em).save(s).getId();
      });

      db.runInTransaction(em -> {
        var repository = new JpaSessionRepository(em);
        assertThat(repository.eventsAfter(id, 1)).extracting(e -> e.getType()).containsExactly("e2", "e3");
        assertThat(repository.eventsAfter(id, -1)).hasSize(4);
        assertThat(repository.statusOf(id)).contains(ai.atlas.core.domain.session.SessionStatus.RUNNING);
        assertThat(repository.statusOf(id + 1000)).isEmpty();
      });
    }
  }

  private static List<Long> ids(Page<AgentSession> page) {
    return page.items().stream().map(AgentSession::getId).toList();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void walksSessionsInIdOrderByKeyset(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      List<Long> ids = db.inTransaction(em -> {
        var repository = new JpaSessionRepository(em);
        return java.util.stream.IntStream.range(0, 5)
            .mapToObj(i -> repository.save(new AgentSession("task " + i, T0)).getId())
            .toList();
      });

      db.runInTransaction(em -> {
        var repository = new JpaSessionRepository(em);
        var firstTwo = repository.findAfter(SessionQuery.all(), 0, 2);
        assertThat(firstTwo).extracting(AgentSession::getId).containsExactly(ids.get(0), ids.get(1));
        var rest = repository.findAfter(SessionQuery.all(), ids.get(1), 10);
        assertThat(rest).extracting(AgentSession::getId).containsExactly(ids.get(2), ids.get(3), ids.get(4));
        assertThat(repository.findAfter(SessionQuery.all(), ids.get(4), 10)).isEmpty();
      });
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void filtersByLaneAndTaskTextAndReadsOutcomesNewestFirst(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      db.runInTransaction(em -> {
        JpaSessionRepository sessions = new JpaSessionRepository(em);
        String[][] rows = {{"Add 2 and 3", "auto"}, {"ADD 100% more", "coach"}, {"Subtract 4_5", "coach"}};
        for (int i = 0; i < rows.length; i++) {
          AgentSession session = new AgentSession(rows[i][0], T0.plusSeconds(i));
          session.setExecutionMode(rows[i][1]);
          session.setLearningKey("k");
          session.setSessionReward(0.1 * i);
          if (i == 2) {
            session.setDriftScore(5.0);
          }
          sessions.save(session);
        }
      });
      db.runInTransaction(em -> {
        JpaSessionRepository sessions = new JpaSessionRepository(em);
        assertThat(sessions.list(SessionQuery.all().lane("coach"), 0, 10).items()).extracting(AgentSession::getTask)
            .containsExactly("Subtract 4_5", "ADD 100% more");
        assertThat(sessions.list(SessionQuery.all().text("add"), 0, 10).items()).extracting(AgentSession::getTask)
            .containsExactly("ADD 100% more", "Add 2 and 3");
        // % and _ in the text are themselves, not wildcards
        assertThat(sessions.list(SessionQuery.all().text("100%"), 0, 10).items()).extracting(AgentSession::getTask)
            .containsExactly("ADD 100% more");
        assertThat(sessions.list(SessionQuery.all().text("4_5"), 0, 10).items()).hasSize(1);
        assertThat(sessions.list(SessionQuery.all().text("_"), 0, 10).items()).hasSize(1);
        assertThat(sessions.list(SessionQuery.all().text("add").lane("auto"), 0, 10).total()).isEqualTo(1);

        List<ai.atlas.core.domain.session.SessionOutcome> outcomes = sessions.outcomes(SessionQuery.all().learningKey("k"), 2);
        assertThat(outcomes).extracting(ai.atlas.core.domain.session.SessionOutcome::lane).containsExactly("coach", "coach");
        assertThat(outcomes.get(0).driftScore()).isEqualTo(5.0);
        assertThat(outcomes.get(0).reward()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(outcomes.get(0).createdAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(outcomes.get(1).driftScore()).isNull();
      });
    }
  }
}
