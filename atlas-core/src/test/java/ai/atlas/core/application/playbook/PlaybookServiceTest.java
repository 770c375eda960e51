package ai.atlas.core.application.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.application.playbook.PlaybookService.Candidate;
import ai.atlas.core.application.playbook.PlaybookService.Injection;
import ai.atlas.core.domain.playbook.PlaybookEntry;
import ai.atlas.core.domain.playbook.PlaybookEntry.Status;
import ai.atlas.core.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlaybookServiceTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-09-10T11:12:13Z"), ZoneOffset.UTC);

  private static <T> T playbook(TestDatabase db, Function<PlaybookService, T> work) {
    return db.inTransaction(em -> work.apply(new PlaybookService(em, CLOCK)));
  }

  private static Candidate hint(String cue, String action) {
    return new Candidate(cue, action, "fewer retries", "arithmetic");
  }

  @Test
  void candidatesPassQualityGatesAndDuplicatesAreDropped() {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      String answer = "The total cost is 1,234 dollars and 56 cents";
      List<PlaybookEntry> stored = playbook(db, p -> p.learn("k", "prof", 1, List.of(
          hint("the task multiplies", "check the operator before computing"),
          hint("  The task MULTIPLIES ", "check the operator   before computing"), // duplicate once normalised
          hint("", "empty cue"),
          hint("the task asks a total", "answer: " + answer), // leaks the answer
          hint("short", "do it"), // action too short to teach anything
          hint("units are mixed", "convert every quantity to one unit first"),
          hint("a fourth", "this would be the fourth entry from one session"),
          hint("a fifth", "and this the fifth, over the limit of three")), answer));

      assertThat(stored).extracting(PlaybookEntry::getCue)
          .containsExactly("the task multiplies", "units are mixed", "a fourth");
      assertThat(stored).allSatisfy(e -> assertThat(e.getStatus()).isEqualTo(Status.PROVISIONAL));
      // learning the same hint again later adds nothing
      List<PlaybookEntry> again = playbook(db, p -> p.learn("k", "prof", 2, List.of(hint("the task multiplies", "check the operator before computing")), ""));
      assertThat(again).isEmpty();
    }
  }

  @Test
  void injectionPutsActiveEntriesFirstAndStaysUnderTheCap() {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      List<PlaybookEntry> stored = playbook(db, p -> p.learn("k", "prof", 1, List.of(
          hint("first cue", "first action to take"), hint("second cue", "second action to take")), ""));
      long second = stored.get(1).getId();
      db.runInTransaction(em -> em.find(PlaybookEntry.class, second).moveTo(Status.ACTIVE, CLOCK.instant()));

      Injection all = playbook(db, p -> p.forSession("k", 10_000));
      Injection capped = playbook(db, p -> p.forSession("k", 70));

      assertThat(all.entryIds()).containsExactly(second, stored.get(0).getId());
      assertThat(all.lines().get(0)).isEqualTo("When second cue: second action to take (expected: fewer retries)");
      assertThat(capped.entryIds()).containsExactly(second);
      assertThat(playbook(db, p -> p.forSession("other-key", 10_000)).lines()).isEmpty();
    }
  }

  @Test
  void anInjectionForOneAudienceCarriesOnlyItsEntries() {
    Injection both = new Injection(List.of("s"), List.of("t"), List.of(1L), List.of(2L), 3);
    Injection teacher = both.onlyFor(false, true);
    assertThat(teacher.lines()).isEmpty();
    assertThat(teacher.teacherLines()).containsExactly("t");
    assertThat(teacher.entryIds()).containsExactly(2L);
    assertThat(teacher.notCued()).isEqualTo(3);
    assertThat(both.onlyFor(true, false).entryIds()).containsExactly(1L);
    assertThat(both.onlyFor(true, true)).isEqualTo(both);
  }

  @Test
  void entriesBecomeActiveWhenTheyHelpAndDeprecatedWhenTheyHurt() {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      List<PlaybookEntry> stored = playbook(db, p -> p.learn("k", "prof", 1, List.of(
          hint("good cue", "a helpful action here"), hint("bad cue", "a harmful action here")), ""));
      long good = stored.get(0).getId();
      long bad = stored.get(1).getId();
      // the key's other sessions score 0.5 on average (ten of them)
      double others = 10 * 0.5;
      for (int use = 1; use <= 3; use++) {
        int n = use;
        db.runInTransaction(em -> new PlaybookService(em, CLOCK).recordOutcome("k", List.of(good), 0.9, others + 0.9 * n, 10 + n));
        db.runInTransaction(em -> new PlaybookService(em, CLOCK).recordOutcome("k", List.of(bad), 0.1, others + 0.1 * n, 10 + n));
      }

      List<PlaybookEntry> after = playbook(db, p -> p.entries("k"));
      assertThat(after).extracting(PlaybookEntry::getStatus).containsExactly(Status.ACTIVE, Status.DEPRECATED);
      assertThat(after.get(0).getUses()).isEqualTo(3);
      assertThat(playbook(db, p -> p.forSession("k", 10_000)).entryIds()).containsExactly(good);
    }
  }

  @Test
  void anEntrysImpactIsItsAdoptionTimesItsSessionsRewardAgainstTheKeysOthers() {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      long used = playbook(db, p -> p.learn("k", "prof", 1, List.of(hint("used cue", "an action that was used")), "")).get(0).getId();
      long idle = playbook(db, p -> p.learn("k", "prof", 1, List.of(hint("idle cue", "an action never injected")), "")).get(0).getId();
      long lonely = playbook(db, p -> p.learn("empty", "prof", 1, List.of(hint("other cue", "an action of a key alone")), ""))
          .get(0).getId();
      // three scored sessions of key k (1.0 with the entry, 0.2 and 0.4 without), one unscored, one of another key
      db.runInTransaction(em -> {
        for (Double reward : new Double[] {1.0, 0.2, 0.4, null}) {
          em.persist(session("k", reward));
        }
        em.persist(session("elsewhere", 0.9));
      });
      db.runInTransaction(em -> new PlaybookService(em, CLOCK).recordOutcome("k", List.of(used), 1.0, 1.6, 3));

      var impacts = playbook(db, p -> p.impacts(p.all(10)));
      assertThat(impacts.get(used).adoption()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(impacts.get(used).rewardDelta()).isCloseTo(1.0 - 0.3, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(impacts.get(used).impact()).isCloseTo(0.7 / 3, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(impacts.get(idle)).isEqualTo(new PlaybookService.Impact(0, null, null));
      assertThat(impacts.get(lonely)).isEqualTo(new PlaybookService.Impact(0, null, null));
      java.util.Map<Long, PlaybookService.Impact> none = playbook(db, p -> p.impacts(List.of()));
      assertThat(none).isEmpty();
    }
  }

  private static ai.atlas.core.domain.session.AgentSession session(String learningKey, Double reward) {
    var session = new ai.atlas.core.domain.session.AgentSession("a task", CLOCK.instant());
    session.setLearningKey(learningKey);
    session.setSessionReward(reward);
    return session;
  }

  @Test
  void staleProvisionalEntriesExpiredDeprecatedOnesAndTheWeakestBeyondTheCapArePruned() {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      List<PlaybookEntry> first = playbook(db, p -> p.learn("k", "prof", 1, List.of(
          hint("cue stale", "an action with no clear effect"), hint("cue harmful", "an action that made things worse")), ""));
      long stale = first.get(0).getId();
      long harmful = first.get(1).getId();
      db.runInTransaction(em -> {
        PlaybookEntry s = em.find(PlaybookEntry.class, stale);
        for (int i = 0; i < PlaybookService.STALE_USES; i++) {
          s.recordUse(0.5, CLOCK.instant());
        }
        em.find(PlaybookEntry.class, harmful).moveTo(Status.DEPRECATED, CLOCK.instant().minus(java.time.Duration.ofDays(8)));
      });
      // Thirty new entries, three per session: more than the key may have in use.
      for (int session = 0; session < 10; session++) {
        int n = session;
        playbook(db, p -> p.learn("k", "prof", 10 + n, List.of(
            hint("cue " + n + "a", "action number " + n + "a"), hint("cue " + n + "b", "action number " + n + "b"),
            hint("cue " + n + "c", "action number " + n + "c")), ""));
      }

      List<PlaybookEntry> after = playbook(db, p -> p.entries("k"));
      assertThat(after).filteredOn(e -> e.getId() == stale).singleElement()
          .satisfies(e -> assertThat(e.getStatus()).isEqualTo(Status.PRUNED));
      assertThat(after).filteredOn(e -> e.getId() == harmful).singleElement()
          .satisfies(e -> assertThat(e.getStatus()).isEqualTo(Status.PRUNED));
      assertThat(after).filteredOn(e -> e.getStatus() == Status.PROVISIONAL).hasSize(PlaybookService.MAX_LIVE)
          // the oldest unproven ones went first
          .noneSatisfy(e -> assertThat(e.getCue()).isEqualTo("cue 0a"));
      List<Long> injected = playbook(db, p -> p.forSession("k", 100_000)).entryIds();
      assertThat(injected).doesNotContain(stale, harmful);
      // a pruned idea is not learned again
      List<PlaybookEntry> relearned = playbook(db, p -> p.learn("k", "prof", 99, List.of(hint("cue stale", "an action with no clear effect")), ""));
      assertThat(relearned).isEmpty();
    }
  }

  @Test
  void aProfilesGatesRefuseEntriesThatAreNotGeneralActionableOrShort() {
    PlaybookService.Gates gates = PlaybookService.Gates.ATLAS_SDK;
    java.util.function.Function<PlaybookService.Candidate, String> why = gates::refusal;

    assertThat(why.apply(new PlaybookService.Candidate("a letter question", "Count the commas before the letter", null, null))).isNull();
    assertThat(why.apply(new PlaybookService.Candidate("a SQL question", "Check the JSON API first", null, null))).as("allowed nouns").isNull();
    assertThat(why.apply(new PlaybookService.Candidate("", "Count the commas before the letter", null, null))).isEqualTo("no cue");
    assertThat(why.apply(new PlaybookService.Candidate("a letter question", "Count", null, null))).isEqualTo("not an instruction");
    assertThat(why.apply(new PlaybookService.Candidate("the refund incident", "Ask for the order first", null, null)))
        .isEqualTo("names an incident ('incident')");
    assertThat(why.apply(new PlaybookService.Candidate("order 123456", "Ask for the order first", null, null)))
        .isEqualTo("names a specific number or identifier");
    assertThat(why.apply(new PlaybookService.Candidate("a refund", "Ask Bob for the order first", null, null))).isEqualTo("names 'Bob'");
    assertThat(why.apply(new PlaybookService.Candidate("a refund", "Ask for the order " + "first ".repeat(90), null, null)))
        .isEqualTo("longer than 420 characters");
  }

  @Test
  void aRubricRanksTheCandidatesBeforeThePerSessionCapTakesThem() {
    PlaybookService.Rubric rubric = new PlaybookService.Rubric(0.4, 0.3, 0.2, 0.1);
    PlaybookService.Candidate vague = new PlaybookService.Candidate("order 98765 " + "x".repeat(200), "Retry", null, null);
    PlaybookService.Candidate good = new PlaybookService.Candidate("a refund question", "Ask for the order number first", null, null);

    assertThat(rubric.rank(List.of(vague, good))).containsExactly(good, vague);
    assertThat(rubric.score(good)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("ai.atlas.core.testing.TestDatabase#available")
  void cuesDecideWhichEntriesATaskGetsAndAudiencesWhosePromptTheyJoin(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      List<PlaybookEntry> stored = playbook(db, p -> p.learn("k", "prof", 1, List.of(
          new Candidate("refund, chargeback", "Ask for the order number first", null, null,
              PlaybookEntry.CueKind.KEYWORD, PlaybookEntry.Audience.STUDENT),
          new Candidate("order \\d{3}-\\d{4}", "Quote the order number exactly", null, null,
              PlaybookEntry.CueKind.REGEX, PlaybookEntry.Audience.TEACHER),
          new Candidate("a customer writes in anger", "Acknowledge the problem before anything else", null, null)), ""));
      long keyword = stored.get(0).getId();
      long regex = stored.get(1).getId();
      long text = stored.get(2).getId();

      Injection refund = playbook(db, p -> p.forSession("k", "I want a REFUND for order 123-4567", 10_000));
      Injection other = playbook(db, p -> p.forSession("k", "Where is my parcel? It was refunded twice", 10_000));

      assertThat(refund.studentIds()).containsExactly(keyword, text);
      assertThat(refund.teacherIds()).containsExactly(regex, text);
      assertThat(refund.entryIds()).containsExactlyInAnyOrder(keyword, regex, text);
      assertThat(refund.lines()).contains("When the task mentions refund, chargeback: Ask for the order number first");
      assertThat(refund.teacherLines()).contains("When the task matches /order \\d{3}-\\d{4}/: Quote the order number exactly");
      // "refunded" is not the word "refund", and no order number: only the text cue applies
      assertThat(other.entryIds()).containsExactly(text);
      assertThat(other.notCued()).isEqualTo(2);
      // what the database holds comes back with its kind and audience
      PlaybookEntry read = db.inTransaction(em -> em.find(PlaybookEntry.class, regex));
      assertThat(read.getCueKind()).isEqualTo(PlaybookEntry.CueKind.REGEX);
      assertThat(read.getAudience()).isEqualTo(PlaybookEntry.Audience.TEACHER);
    }
  }

  @Test
  void aRegexCueThatDoesNotCompileIsNotLearnedAndOneThatBacktracksGivesUp() {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      List<PlaybookEntry> stored = playbook(db, p -> p.learn("k", "prof", 1, List.of(
          new Candidate("order (\\d+", "Quote the order number exactly", null, null, PlaybookEntry.CueKind.REGEX, null)), ""));
      assertThat(stored).isEmpty();

      PlaybookEntry slow = new PlaybookEntry("k", "p", "(a+)+$", "Quote the order number exactly", null, null, 1L, CLOCK.instant())
          .withCueAndAudience(PlaybookEntry.CueKind.REGEX, PlaybookEntry.Audience.BOTH);
      // without its deadline this match would run for hours: a guard against a hang, not a speed target
      boolean applies = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
          () -> slow.appliesTo("a".repeat(40) + "!"));
      assertThat(applies).isFalse();
    }
  }

  static List<String> databases() {
    return TestDatabase.available();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aKeyStoresALessonOnceEvenFromLearnersThatDidNotSeeEachOther(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      PlaybookEntry first = playbook(db, p -> p.learn("k", "prof", 1, List.of(hint("Units are mixed", "convert every quantity first")), ""))
          .get(0);
      assertThat(first.getLessonHash()).hasSize(64);
      // what a second server writes when it read the key before the first one's commit: the same lesson, refused by the database
      assertThatThrownBy(() -> db.runInTransaction(em -> {
        em.persist(new PlaybookEntry("k", "prof", "units are  MIXED", "Convert every quantity first", null, null, 2L, CLOCK.instant())
            .withLessonHash(first.getLessonHash()));
        em.flush();
      })).isInstanceOf(RuntimeException.class);
      // another key may hold the same lesson; entries learned before V17 (no hash) never collide
      List<PlaybookEntry> otherKey = playbook(db, p -> p.learn("k2", "prof", 3, List.of(hint("units are mixed", "convert every quantity first")),
          ""));
      assertThat(otherKey).hasSize(1);
      db.runInTransaction(em -> em.persist(new PlaybookEntry("k", "old", "before", "a lesson from before the hash", null, null, 4L,
          CLOCK.instant())));
      db.runInTransaction(em -> em.persist(new PlaybookEntry("k", "old", "before", "another lesson from before", null, null, 5L,
          CLOCK.instant())));
      List<PlaybookEntry> ofKey = playbook(db, p -> p.entries("k"));
      assertThat(ofKey).hasSize(3);
      // a profile's entries across its keys, newest first
      List<PlaybookEntry> ofProfile = playbook(db, p -> p.ofProfile("prof", 10));
      List<PlaybookEntry> newestOld = playbook(db, p -> p.ofProfile("old", 1));
      List<PlaybookEntry> nobody = playbook(db, p -> p.ofProfile("nobody", 10));
      assertThat(ofProfile).extracting(PlaybookEntry::getLearningKey).containsExactly("k2", "k");
      assertThat(newestOld).extracting(PlaybookEntry::getSourceSessionId).containsExactly(5L);
      assertThat(nobody).isEmpty();
    }
  }
}
