package ai.atlas.core.application.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class JobSchemaTest {

  private static final JobSchema SCHEMA = new JobSchema("demo", "a job to test the schema", List.of(
      JobParameter.requiredText("profile", "whose"),
      JobParameter.text("output", null, "where"),
      JobParameter.integer("epochs", 1, 1, 1000, "passes"),
      JobParameter.number("learningRate", 1e-5, 1e-12, 0.999, "peak"),
      JobParameter.bool("maskTruncated", false, "mask"),
      JobParameter.choice("lossType", "dapo", List.of("dapo", "grpo", "dr_grpo"), "loss"),
      JobParameter.list("templates", "names"),
      JobParameter.computed("totalSteps", JobParameter.Type.INTEGER, "1000", "from the data")));

  private static JsonObject request(String json) {
    return Json.parseObject(json, "the request");
  }

  @Test
  void aRequestGetsTheDefaultsOfWhatItLeavesOut() {
    JobValues values = SCHEMA.read(request("{\"profile\": \"p\"}"));
    assertThat(values.asMap()).containsExactly(java.util.Map.entry("profile", "p"), java.util.Map.entry("epochs", "1"),
        java.util.Map.entry("learningRate", "1.0E-5"), java.util.Map.entry("maskTruncated", "false"),
        java.util.Map.entry("lossType", "dapo"));
    assertThat(values.integer("epochs")).isEqualTo(1);
    assertThat(values.number("learningRate")).isEqualTo(1e-5);
    assertThat(values.bool("maskTruncated")).isFalse();
  }

  @Test
  void givenValuesAreCheckedAndNormalised() {
    JobValues values = SCHEMA.read(request("{\"profile\": \"p\", \"epochs\": 3, \"learningRate\": 0.01, \"maskTruncated\": true,"
        + " \"lossType\": \" DR_GRPO \", \"templates\": [\"a\", \"b\"], \"totalSteps\": 5, \"unknown\": 1}"));
    assertThat(values.integer("epochs")).isEqualTo(3);
    assertThat(values.bool("maskTruncated")).isTrue();
    assertThat(values.required("lossType")).isEqualTo("dr_grpo");
    assertThat(values.required("templates")).isEqualTo("a,b");
    assertThat(values.text("totalSteps")).as("computed: not the caller's").isEmpty();
    assertThat(values.toProperties().getProperty("epochs")).isEqualTo("3");
  }

  @Test
  void badValuesAreProblemsNamingTheParameter() {
    assertThatThrownBy(() -> SCHEMA.read(request("{}"))).isInstanceOf(InvalidInputException.class).hasMessage("'profile' is required: whose");
    assertThatThrownBy(() -> SCHEMA.read(request("{\"profile\": \"p\", \"epochs\": 0}")))
        .hasMessage("'epochs' must be between 1 and 1000");
    assertThatThrownBy(() -> SCHEMA.read(request("{\"profile\": \"p\", \"epochs\": 1.5}")))
        .hasMessage("'epochs' must be a whole number between 1 and 1000");
    assertThatThrownBy(() -> SCHEMA.read(request("{\"profile\": \"p\", \"learningRate\": 2}")))
        .hasMessage("'learningRate' must be between 0.000000000001 and 0.999");
    assertThatThrownBy(() -> SCHEMA.read(request("{\"profile\": \"p\", \"maskTruncated\": \"yes\"}")))
        .hasMessage("'maskTruncated' must be true or false");
    assertThatThrownBy(() -> SCHEMA.read(request("{\"profile\": \"p\", \"lossType\": \"ppo\"}")))
        .hasMessage("'lossType' must be dapo, grpo or dr_grpo, not 'ppo'");
    assertThatThrownBy(() -> SCHEMA.read(request("{\"profile\": \"p\", \"templates\": [1]}")))
        .hasMessage("'templates' must be an array of names");
    assertThatThrownBy(() -> SCHEMA.read(request("{\"profile\": 7}"))).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aJobsArtifactsReadTheParametersItWasStartedWithAndTheDefaultsOfTheRest() {
    Properties started = new Properties();
    started.setProperty("profile", "p");
    started.setProperty("epochs", "4");
    started.setProperty("modelsDir", "/m");
    JobValues values = SCHEMA.values(started);
    assertThat(values.integer("epochs")).isEqualTo(4);
    assertThat(values.integer("totalSteps")).as("the schema's default").isEqualTo(1000);
    assertThat(values.required("lossType")).isEqualTo("dapo");
    assertThat(values.required("modelsDir")).as("parameters outside the schema are kept").isEqualTo("/m");
  }
}
