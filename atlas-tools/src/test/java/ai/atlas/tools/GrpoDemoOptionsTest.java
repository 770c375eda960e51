package ai.atlas.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.atlas.model.grpo.GrpoPrompt;
import ai.atlas.model.objective.Advantages;
import ai.atlas.model.train.LearningRate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrpoDemoOptionsTest {

  @Test
  void namedOptionsReachTheTrainersSettingsAndTheRestKeepTheirDefaults() {
    GrpoDemoOptions options = GrpoDemoOptions.parse("seed=3", "steps=1000", "lr=2e-4", "schedule=linear", "warmup=10",
        "min-lr=0", "scale=batch");

    assertThat(options.seed()).isEqualTo(3);
    assertThat(options.prompts()).isEqualTo(8);
    assertThat(options.eval()).isEqualTo(200);
    assertThat(options.samePrompts()).isFalse();
    assertThat(options.partialCredit()).isEqualTo(0.5);
    LearningRate schedule = options.settings().schedule();
    assertThat(schedule).isEqualTo(new LearningRate(2e-4, 10, 1000, LearningRate.Shape.LINEAR, 0));
    assertThat(schedule.at(9)).isEqualTo(2e-4);
    assertThat(schedule.at(999)).isCloseTo(2e-4 / 990, within(1e-15)); // linear to 0 over the 990 steps after warm-up
    assertThat(options.settings().scaleRewards()).isEqualTo(Advantages.Scale.BATCH);
    assertThat(options.settings().seed()).isEqualTo(3);
    assertThat(options.settings().maxCompletionLength()).isEqualTo(8);
  }

  @Test
  void withoutOptionsItRunsTheBenchmarksRecipe() {
    GrpoDemoOptions options = GrpoDemoOptions.parse();

    assertThat(options.steps()).isEqualTo(600);
    assertThat(options.settings().schedule()).isEqualTo(new LearningRate(5e-4, 20, 600, LearningRate.Shape.COSINE, 0.1));
    assertThat(options.settings().scaleRewards()).isEqualTo(Advantages.Scale.GROUP);
    assertThat(options.settings().beta()).isEqualTo(0.04);
    assertThat(options.reward().score(GrpoPrompt.of("q", "10"), List.of("10", "9", "x")).rewards())
        .containsExactly(1.0, 0.45, 0.0);
  }

  @Test
  void aWordThatIsNotAKnownNameAndValueIsRefusedWithTheUsage() {
    assertThatThrownBy(() -> GrpoDemoOptions.parse("1000")).hasMessageStartingWith("'1000' is not name=value (seed=");
    assertThatThrownBy(() -> GrpoDemoOptions.parse("step=10")).hasMessageStartingWith("unknown option step (");
    assertThatThrownBy(() -> GrpoDemoOptions.parse("schedule=step")).hasMessage("schedule 'step' is not one of constant, linear, cosine");
    assertThatThrownBy(() -> GrpoDemoOptions.parse("generations=1")).hasMessageContaining("at least 2 generations");
    assertThatThrownBy(() -> GrpoDemoOptions.parse("partial-credit=1")).hasMessage("the partial credit must be at least 0 and below 1");
    assertThatThrownBy(() -> GrpoDemoOptions.parse("lr=fast")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCommandExitsTwoOnABadOptionBeforeLoadingAnyModel() {
    assertThat(ModelCommandAccess.run("grpo-demo", "/no/such/model", "scale=tribe")).isEqualTo(2);
  }

  @Test
  void aFolderWithoutACheckpointIsAOneLineErrorNotAStackTrace() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(ModelCommandAccess.run("grpo-demo", "/no/such/model", "steps=1", "eval=1")).isEqualTo(2);
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("grpo-demo: /no/such/model has no config.json")
        .doesNotContain("\tat ");
  }
}
