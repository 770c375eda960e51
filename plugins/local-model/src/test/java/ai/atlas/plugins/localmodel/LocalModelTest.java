package ai.atlas.plugins.localmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.model.io.ModelConfig;
import ai.atlas.model.io.ModelInit;
import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.AgentTask;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatOptions;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin serving a small untrained checkpoint on the byte tokenizer. */
class LocalModelTest {

  @TempDir static Path dir;

  static PluginSettings settings(Map<String, String> values) {
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
      public Optional<ai.atlas.spi.ChatModel> chatModel(String name) {
        return Optional.empty();
      }
    };
  }

  @BeforeAll
  static void checkpoint() {
    ModelConfig config = ModelConfig.parse("""
        {"architectures": ["LlamaForCausalLM"], "hidden_size": 32, "intermediate_size": 64, "num_attention_heads": 4,
         "num_key_value_heads": 2, "num_hidden_layers": 2, "vocab_size": 263, "max_position_embeddings": 256,
         "tie_word_embeddings": true}""");
    ModelInit.initialise(config, 3).save(dir.resolve("model"), Long.MAX_VALUE);
  }

  @Test
  void aChatIsAnsweredWithUsageAndLogProbsWhenAskedAndGreedyRepeats() {
    var model = new LocalChatModelFactory().create(settings(Map.of("path", dir.resolve("model").toString(), "max-tokens", "12")));
    ChatRequest request = ChatRequest.of(List.of(ChatMessage.system("Be brief."), ChatMessage.user("What is 2+2?")));

    ChatResponse first = model.chat(request.withOptions(ChatOptions.DEFAULTS.withTopLogprobs(0)));
    ChatResponse again = model.chat(request);

    assertThat(first.message().content()).isEqualTo(again.message().content());
    String prompt = "<|system|>\nBe brief.<|end|>\n<|user|>\nWhat is 2+2?<|end|>\n<|assistant|>\n";
    assertThat(first.usage().promptTokens()).isEqualTo(new ai.atlas.model.tokenizer.ByteTokenizer().encode(prompt).length);
    assertThat(first.usage().completionTokens()).isBetween(1L, 12L);
    assertThat(first.logprobs()).hasSize((int) first.usage().completionTokens()).allSatisfy(l -> assertThat(l.logprob()).isNegative());
    assertThat(again.logprobs()).isEmpty();
    assertThat(first.finishReason()).isIn("stop", "length");
  }

  @Test
  void theAgentAnswersATaskWithTheModel() {
    var agent = new LocalAgentAdapterFactory().create(settings(Map.of("path", dir.resolve("model").toString(), "max-tokens", "5",
        "temperature", "0.8", "seed", "4")));

    AgentAnswer answer = agent.run(new AgentTask("Add 3 and 4.", "count on from 3", List.of("state the sum only"), Map.of()));

    assertThat(answer.steps()).singleElement().satisfies(s -> assertThat(s.output()).isEqualTo(answer.answer()));
    assertThat(answer.usage().completionTokens()).isBetween(1L, 5L);
  }

  @Test
  void aTasksTokenCapShortensTheAnswerButNeverLengthensIt() {
    var agent = new LocalAgentAdapterFactory().create(settings(Map.of("path", dir.resolve("model").toString(), "max-tokens", "12",
        "temperature", "1.0", "seed", "4")));
    AgentTask task = AgentTask.of("Add 3 and 4.");

    long free = agent.run(task).usage().completionTokens();
    long capped = agent.run(task.withMaxTokens(2)).usage().completionTokens();
    long above = agent.run(task.withMaxTokens(500)).usage().completionTokens();

    // one seed: the capped answer is the free one cut at the cap
    assertThat(capped).isEqualTo(Math.min(free, 2));
    assertThat(above).isEqualTo(free).isLessThanOrEqualTo(12);
  }

  @Test
  void badSettingsArePluginErrorsNamingTheProblem() {
    assertThatThrownBy(() -> new LocalChatModelFactory().create(settings(Map.of())))
        .isInstanceOf(PluginException.class).hasMessageContaining("'path' is required");
    assertThatThrownBy(() -> new LocalChatModelFactory().create(settings(Map.of("path", dir.resolve("none").toString()))))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> new LocalChatModelFactory().create(settings(Map.of("path", dir.resolve("model").toString(),
        "temperature", "-1")))).isInstanceOf(PluginException.class).hasMessageContaining("temperature >= 0");
  }
}
