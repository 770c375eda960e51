package ai.atlas.model.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.model.ModelException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The one chooser: what the properties ask for, and what each name gives (this module has no provider). */
class BackendsTest {

  private static Properties properties(String... pairs) {
    Properties p = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  @Test
  void theModelPropertyDecidesAndTheFormerGrpoPropertyIsReadWhereItIsUnset() {
    assertThat(Backends.requested(properties())).isEmpty();
    assertThat(Backends.requested(properties("atlas.model.backend", "reference", "atlas.grpo.backend", "cuda"))).isEqualTo("reference");
    assertThat(Backends.requested(properties("atlas.grpo.backend", "cuda"))).isEqualTo("cuda");
    // the former "cpu" was the fastest CPU objective: the tests' JVM has the Vector API
    assertThat(Backends.requested(properties("atlas.grpo.backend", "cpu"))).isEqualTo("vector");
  }

  @Test
  void eachNameGivesItsBackendWithItsObjective() {
    assertThat(Backends.choose("reference").grpoObjective().name()).isEqualTo("cpu");
    assertThat(Backends.choose("cpu").grpoObjective().name()).isEqualTo("cpu");
    assertThat(Backends.choose("vector").grpoObjective().name()).isEqualTo("cpu-vector");
    assertThat(Backends.choose("auto").name()).startsWith("vector");
    assertThat(Backends.choose()).as("chosen once").isSameAs(Backends.choose());
  }

  @Test
  void aNameThatIsNoBackendIsAClearError() {
    assertThat(Backends.providers()).isEmpty();
    assertThatThrownBy(() -> Backends.choose("cuda")).isInstanceOf(ModelException.class)
        .hasMessage("atlas.model.backend=cuda names no backend (auto, reference, cpu, vector)");
  }
}
