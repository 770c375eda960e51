package ai.atlas.plugins.judges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.Interaction;
import ai.atlas.spi.Judge;
import ai.atlas.spi.Judgement;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaAndRubricJudgesTest {

  private static final String SCHEMA = """
      {"type": "object", "required": ["city", "temperature"], "additionalProperties": false,
       "properties": {
         "city": {"type": "string", "minLength": 2},
         "temperature": {"type": "number", "minimum": -90, "maximum": 60},
         "tags": {"type": "array", "items": {"enum": ["sun", "rain"]}, "maxItems": 2}}}""";

  private static PluginSettings settings(Map<String, String> values, ChatModel model) {
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
        return name.equals("grader") ? Optional.ofNullable(model) : Optional.empty();
      }
    };
  }

  private static Judgement schema(String answer) {
    Judge judge = new JsonSchemaJudge.Factory().create(settings(Map.of("schema", SCHEMA), null));
    return judge.judge(Interaction.of("weather as JSON", answer, null));
  }

  @Test
  void anAnswerThatSatisfiesTheSchemaScoresOne() {
    assertThat(schema("{\"city\": \"Paris\", \"temperature\": 21.5, \"tags\": [\"sun\"]}").score()).isEqualTo(1.0);
  }

  @Test
  void violationsScoreZeroAndSayWhere() {
    Judgement wrong = schema("{\"city\": \"P\", \"temperature\": 99, \"tags\": [\"snow\"], \"extra\": 1}");

    assertThat(wrong.score()).isEqualTo(0.0);
    assertThat(wrong.rationale())
        .contains("/city must be at least 2 characters long")
        .contains("/temperature must be at most 60")
        .contains("/tags/0 must be one of [\"sun\",\"rain\"]")
        .contains("/extra is not an allowed property");
    assertThat(schema("{\"city\": \"Paris\"}").rationale()).isEqualTo("the answer lacks the required property 'temperature'");
    assertThat(schema("[1, 2]").rationale()).startsWith("the answer must be of type \"object\"");
    assertThat(schema("not json").rationale()).startsWith("the answer is not JSON");
  }

  @Test
  void aSchemaThatIsNotJsonIsRefused() {
    assertThatThrownBy(() -> new JsonSchemaJudge.Factory().create(settings(Map.of("schema", "{type"), null)))
        .isInstanceOf(PluginException.class).hasMessageContaining("'schema' is not a JSON object");
  }

  /** A grading model that answers what it is told to, and remembers what it was asked. */
  private static final class ScriptedModel implements ChatModel {
    final List<ChatRequest> asked = new ArrayList<>();
    private final String answer;

    ScriptedModel(String answer) {
      this.answer = answer;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      asked.add(request);
      return new ChatResponse(ChatMessage.assistant(answer), null, null, "stop");
    }
  }

  @Test
  void theRubricJudgeAsksForJsonAndReadsPrinciplesScoreAndUncertainty() {
    ScriptedModel grader = new ScriptedModel("""
        Here is my grade:
        ```json
        {"principles": [{"name": "correctness", "weight": 0.7, "description": "the number is right"},
                        {"name": "brevity", "weight": 0.3, "description": "short"}],
         "score": 0.9, "rationale": "right and short", "uncertainty": 0.1}
        ```""");
    Judge judge = new RubricJudge.Factory().create(settings(Map.of("model", "grader", "rubric", "Exact arithmetic."), grader));

    Judgement verdict = judge.judge(Interaction.of("6*7?", "42", "42"));

    assertThat(verdict.score()).isEqualTo(0.9);
    assertThat(verdict.uncertainty()).isEqualTo(0.1);
    assertThat(verdict.rationale()).isEqualTo("right and short");
    assertThat(verdict.principles()).extracting(p -> p.name() + ":" + p.weight()).containsExactly("correctness:0.7", "brevity:0.3");
    ChatRequest asked = grader.asked.get(0);
    assertThat(asked.options().jsonResponse()).isTrue();
    assertThat(asked.options().temperature()).isEqualTo(0.2);
    assertThat(asked.messages().get(0).content()).contains("Exact arithmetic.");
    assertThat(asked.messages().get(1).content()).contains("6*7?").contains("Reference answer:\n42");
  }

  @Test
  void outOfRangeNumbersAreClampedAndUnreadableGradesAreErrors() {
    assertThat(RubricJudge.parse("{\"score\": 1.7, \"uncertainty\": -2}").score()).isEqualTo(1.0);
    assertThat(RubricJudge.parse("{\"score\": 1.7, \"uncertainty\": -2}").uncertainty()).isEqualTo(0.0);
    assertThatThrownBy(() -> RubricJudge.parse("I think it is fine"))
        .isInstanceOf(PluginException.class).hasMessageContaining("did not answer with a JSON object");
    assertThatThrownBy(() -> RubricJudge.parse("{\"grade\": \"A\"}"))
        .isInstanceOf(PluginException.class).hasMessageContaining("no numeric 'score'");
  }

  @Test
  void theRubricJudgeNeedsAModelOfTheProfile() {
    assertThatThrownBy(() -> new RubricJudge.Factory().create(settings(Map.of("model", "nobody"), null)))
        .isInstanceOf(PluginException.class).hasMessage("the profile has no chat model named 'nobody' for this judge");
  }
}
