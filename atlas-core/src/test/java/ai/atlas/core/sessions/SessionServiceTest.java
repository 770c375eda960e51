package ai.atlas.core.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.application.redaction.RedactionRules;
import ai.atlas.core.application.redaction.Redactor;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.PayloadTooLargeException;
import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.infrastructure.persistence.jpa.JpaSessionRepository;
import ai.atlas.core.profile.ImportPolicy;
import ai.atlas.core.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SessionServiceTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
  private static final String SECRET = "sk-live-0123456789abcdef";
  private static final ImportPolicy POLICY =
      new ImportPolicy(50, new Redactor(RedactionRules.literals("secret", List.of(SECRET)), Duration.ofSeconds(1)));

  @Test
  void promptsAndAnswersOverTheLimitAreRefusedWithTheFieldAndLimit() {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      JsonObject longTask = Json.createObjectBuilder().add("task", "x".repeat(51)).build();
      JsonObject longStep = Json.createObjectBuilder().add("task", "ok")
          .add("steps", Json.createArrayBuilder().add(Json.createObjectBuilder().add("output", "y".repeat(60)))).build();

      assertThatThrownBy(() -> in(db, s -> s.importTrace(longTask)))
          .isInstanceOf(PayloadTooLargeException.class).hasMessage("'task' is 51 characters long; the limit is 50");
      assertThatThrownBy(() -> in(db, s -> s.importTrace(longStep)))
          .isInstanceOf(PayloadTooLargeException.class).hasMessageContaining("'steps[0].output' is 60 characters");
      long stored = db.inTransaction(em -> em.createQuery("SELECT COUNT(s) FROM AgentSession s", Long.class).getSingleResult());
      assertThat(stored).isZero();
    }
  }

  @Test
  void liveSecretsAreScrubbedBeforeASessionIsStored() {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      long id = in(db, s -> s.importTrace(Json.createObjectBuilder()
          .add("task", "use key " + SECRET).add("final_answer", "done").build()));

      String stored = db.inTransaction(em -> (String) em
          .createNativeQuery("SELECT CAST(task AS VARCHAR(200)) FROM sessions WHERE id = " + id).getSingleResult());
      assertThat(stored).isEqualTo("use key [REDACTED:secret]");
    }
  }

  @Test
  void reviewDecisionsAreAuditedWithActorAndAddress() {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      long id = in(db, s -> s.importTrace(Json.createObjectBuilder().add("task", "t").build()));

      in(db, s -> s.review(id, ReviewStatus.QUARANTINED, "leaks data", new Actor("rita", "192.0.2.7"), x -> x.getId()));

      List<String> entries = db.inTransaction(em -> new AuditLog(em, CLOCK).list("session.review", 0, 10,
          e -> e.getActor() + "@" + e.getRemoteAddress().orElse("") + " " + e.getTarget().orElse("") + " "
              + e.getDetail().orElse("") + " " + e.getOccurredAt()).items());
      assertThat(entries).containsExactly(
          "rita@192.0.2.7 session:" + id + " pending -> quarantined: leaks data 2026-03-04T05:06:07Z");
    }
  }

  @Test
  void feedbackIsNormalisedToARatingAndValidated() {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      long id = in(db, s -> s.importTrace(Json.createObjectBuilder().add("task", "t").build()));
      Actor rita = new Actor("rita", null);

      List<String> given = in(db, s -> {
        s.feedback(id, "thumbs", "down", null, null, rita, x -> null);
        s.feedback(id, "rating", "5", "great", null, rita, x -> null);
        s.feedback(id, "approve", null, null, null, rita, x -> null);
        return s.feedback(id, "edit", null, null, "forty-two", rita, x -> x.getFeedback().stream()
            .map(f -> f.getKind().wireName() + "=" + f.getRating().map(String::valueOf).orElse(f.getEditedAnswer().orElse(""))).toList());
      });

      assertThat(given).containsExactly("thumbs=0.0", "rating=1.0", "approve=1.0", "edit=forty-two");
      assertThatThrownBy(() -> in(db, s -> s.feedback(id, "thumbs", "sideways", null, null, rita, x -> null)))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("up or down");
      assertThatThrownBy(() -> in(db, s -> s.feedback(id, "edit", null, null, " ", rita, x -> null)))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs 'edited_answer'");
    }
  }

  private static <T> T in(TestDatabase db, Function<SessionService, T> work) {
    return db.inTransaction((EntityManager em) ->
        work.apply(new SessionService(new JpaSessionRepository(em), new AuditLog(em, CLOCK), POLICY, CLOCK)));
  }

}
