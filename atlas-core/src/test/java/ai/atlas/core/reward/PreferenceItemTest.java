package ai.atlas.core.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.testing.TestDatabase;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreferenceItemTest {

  @Test
  void readsTextsOrListsAndTheRewardBenchSubsetAsTheCategory() {
    PreferenceItem item = PreferenceItem.parse(
        "{\"id\": \"x\", \"prompt\": \"p\", \"chosen\": [\"a\"], \"rejected\": [\"b\", \"c\", \"d\"], \"subset\": \"Math\"}", 7);

    assertThat(item).isEqualTo(new PreferenceItem(7, "p", List.of("a"), List.of("b", "c", "d"), "Math"));
    assertThat(PreferenceItem.parse("{\"prompt\": \"p\", \"chosen\": \"a\", \"rejected\": \"b\"}", 1).category()).isEqualTo("all");
  }

  @Test
  void refusesBadLinesNamingTheLine() {
    assertThatThrownBy(() -> PreferenceItem.parse("not json", 3)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("line 3 is not a JSON object");
    assertThatThrownBy(() -> PreferenceItem.parse("{\"prompt\": \"p\", \"chosen\": [], \"rejected\": \"b\"}", 4))
        .hasMessage("line 4: 'chosen' needs at least one response");
    assertThatThrownBy(() -> PreferenceItem.parse("{\"chosen\": \"a\", \"rejected\": \"b\"}", 5)).hasMessage("line 5: 'prompt' is required");
  }

  @Test
  void anItemIsRightWhenEveryChosenOutscoresEveryRejectedAndUnscoredIsWrong() {
    PreferenceItem item = new PreferenceItem(1, "p", List.of("a", "b"), List.of("c"), "all");

    assertThat(PreferenceItem.Outcome.of(item, List.of(0.8, 0.7), List.of(0.6)).correct()).isTrue();
    assertThat(PreferenceItem.Outcome.of(item, List.of(0.8, 0.5), List.of(0.6)).correct()).isFalse();
    assertThat(PreferenceItem.Outcome.of(item, List.of(0.8, 0.6), List.of(0.6)).correct()).isFalse();
    java.util.List<Double> unscored = new java.util.ArrayList<>(java.util.Arrays.asList(0.8, null));
    PreferenceItem.Outcome outcome = PreferenceItem.Outcome.of(item, unscored, List.of(0.1));
    assertThat(outcome.correct()).isFalse();
    assertThat(outcome.scored()).isFalse();
  }

  @Test
  void accuracyIsCountedPerCategoryAndOverallFromTheStoredOutcomes() {
    for (String kind : TestDatabase.available()) {
      try (TestDatabase db = TestDatabase.create(kind).migrated()) {
        PreferenceItem math = new PreferenceItem(1, "p", List.of("a"), List.of("b"), "math");
        PreferenceItem words = new PreferenceItem(2, "p", List.of("a"), List.of("b"), "words");
        db.runInTransaction(em -> new PreferenceEvaluations(em).store(42, List.of(
            PreferenceItem.Outcome.of(math, List.of(0.9), List.of(0.1)),
            PreferenceItem.Outcome.of(new PreferenceItem(3, "p", List.of("a"), List.of("b"), "math"), List.of(0.2), List.of(0.3)),
            PreferenceItem.Outcome.of(words, List.of(0.9), List.of(0.1)))));
        db.runInTransaction(em -> new PreferenceEvaluations(em).store(43, List.of(PreferenceItem.Outcome.of(math, List.of(0.1), List.of(0.9)))));

        JsonObject accuracy = db.inTransaction(em -> new PreferenceEvaluations(em).accuracy(42));

        assertThat(accuracy.getInt("items")).isEqualTo(3);
        assertThat(accuracy.getJsonNumber("accuracy").doubleValue()).isEqualTo(2 / 3.0);
        assertThat(accuracy.getJsonObject("categories").getJsonObject("math").getJsonNumber("accuracy").doubleValue()).isEqualTo(0.5);
        assertThat(accuracy.getJsonObject("categories").getJsonObject("words").getInt("correct")).isEqualTo(1);
        JsonObject none = db.inTransaction(em -> new PreferenceEvaluations(em).accuracy(99));
        assertThat(none.isNull("accuracy")).isTrue();
      }
    }
  }
}
