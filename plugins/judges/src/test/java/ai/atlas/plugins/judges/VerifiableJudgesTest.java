package ai.atlas.plugins.judges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.spi.ChatModel;
import ai.atlas.spi.Interaction;
import ai.atlas.spi.Judge;
import ai.atlas.spi.JudgeFactory;
import ai.atlas.spi.Judgement;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class VerifiableJudgesTest {

  private static PluginSettings settings(Map<String, String> values) {
    return new PluginSettings() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
      }

      @Override
      public Optional<String> secret(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<ChatModel> chatModel(String name) {
        return Optional.empty();
      }
    };
  }

  private static Judge judge(String type, Map<String, String> values) {
    for (JudgeFactory factory : ServiceLoader.load(JudgeFactory.class)) {
      if (factory.type().equals(type)) {
        return factory.create(settings(values));
      }
    }
    throw new AssertionError("no factory of type " + type + " is registered");
  }

  private static double score(Judge judge, String answer, String reference) {
    return judge.judge(Interaction.of("task", answer, reference)).score();
  }

  @Test
  void exactMatchIgnoresCaseAndSpacingUnlessToldNot() {
    assertThat(score(judge("exact", Map.of()), "  Paris \n", "paris")).isEqualTo(1.0);
    assertThat(score(judge("exact", Map.of()), "Lyon", "Paris")).isEqualTo(0.0);
    assertThat(score(judge("exact", Map.of("ignore-case", "false")), "Paris", "paris")).isEqualTo(0.0);
  }

  @Test
  void numericTakesTheLastNumberWithinTolerance() {
    Judge numeric = judge("numeric", Map.of("absolute-tolerance", "0.01"));
    assertThat(score(numeric, "6 times 7 is 42.004", "42")).isEqualTo(1.0);
    assertThat(score(numeric, "first 41, then 1,234.5", "1234.5")).isEqualTo(1.0);
    assertThat(score(numeric, "about 43", "42")).isEqualTo(0.0);
    assertThat(numeric.judge(Interaction.of("t", "no idea", "42")).rationale()).isEqualTo("the answer holds no number");
    assertThat(score(judge("numeric", Map.of("relative-tolerance", "0.05")), "104", "100")).isEqualTo(1.0);
    assertThatThrownBy(() -> judge("numeric", Map.of("absolute-tolerance", "tiny")))
        .isInstanceOf(PluginException.class).hasMessageContaining("'absolute-tolerance' must be a number");
  }

  @Test
  void regexMatchesPartOrAll() {
    assertThat(score(judge("regex", Map.of("pattern", "\\d{3}")), "code 123!", null)).isEqualTo(1.0);
    assertThat(score(judge("regex", Map.of("pattern", "\\d{3}", "full-match", "true")), "code 123!", null)).isEqualTo(0.0);
    assertThatThrownBy(() -> judge("regex", Map.of())).hasMessage("the setting 'pattern' is required");
    assertThatThrownBy(() -> judge("regex", Map.of("pattern", "(")))
        .hasMessageContaining("'pattern' is not a regular expression");
  }

  @Test
  void aCommandsExitCodeDecidesAndItsOutputExplains() {
    // The setting splits on spaces, so a script with spaces is given to the judge directly here.
    Judge script = new CommandJudge(java.util.List.of("sh", "-c",
        "read a; if [ \"$a\" = \"$ATLAS_REFERENCE\" ]; then echo ok; else echo \"wrong: $a\"; exit 3; fi"), 10);

    Judgement right = script.judge(Interaction.of("t", "42", "42"));
    Judgement wrong = script.judge(Interaction.of("t", "41", "42"));

    assertThat(right.score()).isEqualTo(1.0);
    assertThat(right.rationale()).isEqualTo("exit code 0: ok");
    assertThat(wrong.score()).isEqualTo(0.0);
    assertThat(wrong.rationale()).isEqualTo("exit code 3: wrong: 41");
  }

  @Test
  void aCommandOverItsTimeLimitIsKilledAndScoresZero() {
    Judge slow = new CommandJudge(java.util.List.of("sleep", "30"), 1);

    Judgement verdict = slow.judge(Interaction.of("t", "x", "x"));

    assertThat(verdict.score()).isEqualTo(0.0);
    assertThat(verdict.rationale()).isEqualTo("the command did not finish within 1 s");
  }

  @Test
  void aMissingProgramIsAPluginError() {
    Judge missing = judge("command", Map.of("command", "/no/such/checker"));

    assertThatThrownBy(() -> missing.judge(Interaction.of("t", "x", "x")))
        .isInstanceOf(PluginException.class).hasMessageContaining("cannot start the command [/no/such/checker]");
  }

  @Test
  void comparingJudgesNeedAReference() {
    assertThatThrownBy(() -> judge("exact", Map.of()).judge(Interaction.of("t", "a", null)))
        .isInstanceOf(PluginException.class).hasMessageContaining("has none");
  }
}
