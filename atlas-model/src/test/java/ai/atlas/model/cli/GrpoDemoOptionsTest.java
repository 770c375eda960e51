package ai.atlas.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.model.grpo.Advantages;
import ai.atlas.model.train.LearningRate;
import org.junit.jupiter.api.Test;

class GrpoDemoOptionsTest {

  @Test
  void namedOptionsReachTheTrainersSettingsAndTheRestKeepTheirDefaults() {
    GrpoDemoOptions options = GrpoDemoOptions.parse("seed=3", "steps=1000", "lr=5e-4", "schedule=cosine", "warmup=20",
        "min-lr=0", "scale=group");

    assertThat(options.seed()).isEqualTo(3);
    assertThat(options.prompts()).isEqualTo(8);
    assertThat(options.eval()).isEqualTo(100);
    assertThat(options.samePrompts()).isFalse();
    assertThat(options.partialCredit()).isEqualTo(0.5);
    LearningRate schedule = options.settings().schedule();
    assertThat(schedule).isEqualTo(new LearningRate(5e-4, 20, 1000, LearningRate.Shape.COSINE, 0));
    assertThat(schedule.at(19)).isEqualTo(5e-4);
    assertThat(schedule.at(999)).isLessThan(1e-8);
    assertThat(options.settings().scaleRewards()).isEqualTo(Advantages.Scale.GROUP);
    assertThat(options.settings().seed()).isEqualTo(3);
    assertThat(options.settings().maxCompletionLength()).isEqualTo(8);
  }

  @Test
  void aWordThatIsNotAKnownNameAndValueIsRefusedWithTheUsage() {
    assertThatThrownBy(() -> GrpoDemoOptions.parse("1000")).hasMessageStartingWith("'1000' is not name=value (seed=");
    assertThatThrownBy(() -> GrpoDemoOptions.parse("step=10")).hasMessageStartingWith("unknown option step (");
    assertThatThrownBy(() -> GrpoDemoOptions.parse("schedule=step")).hasMessage("schedule 'step' is not one of constant, linear, cosine");
    assertThatThrownBy(() -> GrpoDemoOptions.parse("generations=1")).hasMessageContaining("at least 2 generations");
    assertThatThrownBy(() -> GrpoDemoOptions.parse("partial-credit=1")).hasMessage("partial-credit must be at least 0 and below 1");
    assertThatThrownBy(() -> GrpoDemoOptions.parse("lr=fast")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCommandExitsTwoOnABadOptionBeforeLoadingAnyModel() {
    assertThat(ModelCommandAccess.run("grpo-demo", "/no/such/model", "scale=tribe")).isEqualTo(2);
  }
}
