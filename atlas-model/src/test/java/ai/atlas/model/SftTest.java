package ai.atlas.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.model.backend.CpuBackend;
import ai.atlas.model.io.ModelConfig;
import ai.atlas.model.io.ModelInit;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.tasks.ArithmeticTasks;
import ai.atlas.model.tokenizer.ByteTokenizer;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.model.train.LearningRate;
import ai.atlas.model.train.SftDataset;
import ai.atlas.model.train.SftExample;
import ai.atlas.model.train.SftTrainer;
import ai.atlas.model.train.TrainingState;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftTest {

  @TempDir Path temp;

  private static final ModelConfig SMALL = ModelConfig.parse("""
      {"architectures": ["LlamaForCausalLM"], "hidden_size": 32, "intermediate_size": 64, "num_attention_heads": 4,
       "num_key_value_heads": 2, "num_hidden_layers": 2, "vocab_size": 263, "max_position_embeddings": 128,
       "tie_word_embeddings": true}""");

  @Test
  void datasetLinesArePromptCompletionOrChatWithTheLossOnTheCompletionOnly() {
    ByteTokenizer tokenizer = new ByteTokenizer();
    SftExample plain = SftDataset.parse("{\"prompt\": \"2+2?\", \"completion\": \"4\"}", 1, tokenizer, ChatFormat.SIMPLE, 128);
    SftExample chat = SftDataset.parse("{\"messages\": [{\"role\": \"user\", \"content\": \"2+2?\"},"
        + " {\"role\": \"assistant\", \"content\": \"4\"}]}", 2, tokenizer, ChatFormat.SIMPLE, 128);

    assertThat(chat.tokens()).containsExactly(plain.tokens());
    String text = tokenizer.decode(plain.tokens());
    assertThat(text).isEqualTo("<|user|>\n2+2?<|end|>\n<|assistant|>\n4<|end|>");
    int masked = 0;
    for (boolean m : plain.lossMask()) {
      masked += m ? 1 : 0;
    }
    assertThat(masked).isEqualTo(2); // "4" and <|end|>
    assertThat(plain.lossMask()[plain.lossMask().length - 1]).isTrue();
    assertThatThrownBy(() -> SftDataset.parse("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", 3, tokenizer,
        ChatFormat.SIMPLE, 128)).hasMessage("line 3: the last message must be the assistant's (the completion)");
    assertThatThrownBy(() -> SftDataset.parse("{\"words\": \"x\"}", 4, tokenizer, ChatFormat.SIMPLE, 128))
        .hasMessage("line 4 has neither prompt and completion, messages nor text");
    assertThatThrownBy(() -> SftDataset.parse("{\"prompt\": \"" + "x".repeat(200) + "\", \"completion\": \"4\"}", 5, tokenizer,
        ChatFormat.SIMPLE, 128)).hasMessageContaining("longer than the limit of 128");
  }

  @Test
  void textLinesAreTrainedOnAsAWholeWithTheChatMarkersAsTheirOwnTokens() {
    ByteTokenizer tokenizer = new ByteTokenizer();
    SftExample text = SftDataset.parse("{\"text\": \"<|user|>\\nab<|end|>\"}", 1, tokenizer, ChatFormat.SIMPLE, 128);

    assertThat(text.tokens()).containsExactly(tokenizer.encode("<|user|>\nab<|end|>"));
    assertThat(text.tokens()).hasSize(5); // <|user|>, \n, a, b, <|end|>
    assertThat(text.lossMask()).containsOnly(true);
    assertThatThrownBy(() -> SftDataset.parse("{\"text\": \"a\"}", 2, tokenizer, ChatFormat.SIMPLE, 128))
        .hasMessage("a text to train on needs at least two tokens");
  }

  private static List<SftExample> batch(int step) {
    return ArithmeticTasks.generate(ArithmeticTasks.Split.TRAIN, 1, 4, step).stream()
        .map(t -> SftExample.of(new ByteTokenizer(), ChatFormat.SIMPLE, List.of(new ChatFormat.Message("user", t.question())),
            t.answer(), 128))
        .toList();
  }

  private static SftTrainer trainer() {
    Transformer model = Transformer.load(ModelInit.initialise(SMALL, 9), new CpuBackend(2));
    return new SftTrainer(model, SftTrainer.Settings.of(new LearningRate(1e-2, 2, 8, LearningRate.Shape.COSINE, 0.1)));
  }

  @Test
  void aRunResumedFromItsSavedStateEndsWithTheWeightsOfAnUninterruptedRun() {
    SftTrainer straight = trainer();
    for (int step = 0; step < 8; step++) {
      straight.step(batch(step));
    }

    SftTrainer first = trainer();
    for (int step = 0; step < 3; step++) {
      first.step(batch(step));
    }
    Properties counters = new Properties();
    counters.setProperty("step", Integer.toString(first.steps()));
    TrainingState.save(temp.resolve("state"), first.model(), first.optimizer(), counters);

    SftTrainer resumed = trainer();
    Properties restored = TrainingState.restore(temp.resolve("state"), resumed.model(), resumed.optimizer());
    resumed.resumeAt(Integer.parseInt(restored.getProperty("step")));
    for (int step = 3; step < 8; step++) {
      resumed.step(batch(step));
    }

    List<float[]> expected = straight.model().weights().parameters();
    List<float[]> actual = resumed.model().weights().parameters();
    for (int p = 0; p < expected.size(); p++) {
      assertThat(actual.get(p)).as("parameter %d", p).containsExactly(expected.get(p));
    }
    assertThat(resumed.optimizer().steps()).isEqualTo(8);
  }

  @Test
  void theArithmeticSplitsAreDisjointAndAnswersVerify() {
    List<ArithmeticTasks.Task> train = ArithmeticTasks.generate(ArithmeticTasks.Split.TRAIN, 0, 300, 1);
    List<ArithmeticTasks.Task> heldOut = ArithmeticTasks.generate(ArithmeticTasks.Split.HELD_OUT, 0, 100, 1);

    assertThat(train).hasSize(300).extracting(ArithmeticTasks.Task::level).contains(1, 2, 3);
    assertThat(heldOut).hasSize(100).allSatisfy(t -> assertThat(ArithmeticTasks.splitOf(t.question()))
        .isEqualTo(ArithmeticTasks.Split.HELD_OUT));
    assertThat(train).extracting(ArithmeticTasks.Task::question)
        .doesNotContainAnyElementsOf(heldOut.stream().map(ArithmeticTasks.Task::question).toList());
    for (ArithmeticTasks.Task task : train) {
      java.util.regex.Matcher n = java.util.regex.Pattern.compile("\\d+").matcher(task.question());
      java.util.List<Integer> numbers = new java.util.ArrayList<>();
      while (n.find()) {
        numbers.add(Integer.parseInt(n.group()));
      }
      int expected = switch (task.level()) {
        case 1 -> task.question().contains("gets") ? numbers.get(0) + numbers.get(1) : numbers.get(0) - numbers.get(1);
        case 2 -> task.question().contains("boxes") ? numbers.get(0) * numbers.get(1) : numbers.get(0) + numbers.get(1);
        default -> numbers.get(0) - numbers.get(1) + numbers.get(2);
      };
      assertThat(task.answer()).as(task.question()).isEqualTo(Integer.toString(expected));
    }
    assertThat(ArithmeticTasks.correct("The answer is 42.", "42")).isTrue();
    assertThat(ArithmeticTasks.correct("41 or 42", "42")).isFalse();
  }
}
