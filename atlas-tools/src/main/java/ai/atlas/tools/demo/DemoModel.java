package ai.atlas.tools.demo;

import ai.atlas.model.backend.Backend;
import ai.atlas.model.generate.Generator;
import ai.atlas.model.generate.SamplingOptions;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.io.ModelConfig;
import ai.atlas.model.io.ModelInit;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.tasks.ArithmeticTasks;
import ai.atlas.model.tokenizer.ByteTokenizer;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.model.train.LearningRate;
import ai.atlas.model.train.SftExample;
import ai.atlas.model.train.SftTrainer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The demo model's recipe: a small Llama-layout model on the byte tokenizer, trained from scratch
 * by supervised fine-tuning on the arithmetic problems' train split, and its held-out exact-match
 * accuracy per level.
 */
public final class DemoModel {

  /** The architecture: 4 layers, width 128, 4 heads sharing 2 key/value heads, tied embeddings. */
  public static ModelConfig config() {
    return ModelConfig.parse("""
        {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 128, "intermediate_size": 352,
         "num_attention_heads": 4, "num_key_value_heads": 2, "num_hidden_layers": 4, "rms_norm_eps": 1e-5,
         "rope_theta": 10000.0, "vocab_size": 263, "max_position_embeddings": 160, "tie_word_embeddings": true,
         "torch_dtype": "float32", "bos_token_id": 256, "eos_token_id": 257}""");
  }

  private DemoModel() {}

  public static SftExample example(ArithmeticTasks.Task task) {
    return SftExample.of(new ByteTokenizer(), ChatFormat.SIMPLE, List.of(new ChatFormat.Message("user", task.question())),
        task.answer(), config().maxPositions());
  }

  /** Trains from scratch for {@code steps} batches of {@code batch} problems and saves the checkpoint into {@code out}. */
  public static Transformer train(Path out, int steps, int batch, long seed, Backend backend, PrintStream log) {
    Transformer model = Transformer.load(ModelInit.initialise(config(), seed), backend);
    List<ArithmeticTasks.Task> tasks = ArithmeticTasks.generate(ArithmeticTasks.Split.TRAIN, 0, 20_000, seed);
    SftTrainer trainer = new SftTrainer(model, SftTrainer.Settings.of(
        new LearningRate(3e-3, Math.min(100, steps / 10), steps, LearningRate.Shape.COSINE, 0.1)));
    Random order = new Random(seed);
    long started = System.nanoTime();
    long tokens = 0;
    for (int step = 0; step < steps; step++) {
      List<SftExample> examples = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        examples.add(example(tasks.get(order.nextInt(tasks.size()))));
      }
      for (SftExample e : examples) {
        tokens += e.tokens().length;
      }
      SftTrainer.StepMetrics metrics = trainer.step(examples);
      if (step > 0 && step % 100 == 0) {
        new Checkpoint(model.config(), model.tensors()).save(out, Long.MAX_VALUE); // progress survives an interruption
      }
      if (step % 50 == 0 || step == steps - 1) {
        double seconds = (System.nanoTime() - started) / 1e9;
        log.printf(Locale.ROOT, "step %d loss %.4f lr %.2e grad-norm %.3f  %.0f tokens/s%n", step, metrics.loss(),
            metrics.learningRate(), metrics.gradNorm(), tokens / seconds);
      }
    }
    new Checkpoint(model.config(), model.tensors()).save(out, Long.MAX_VALUE);
    return model;
  }

  /** Held-out exact-match accuracy per level (greedy), on {@code perLevel} problems each. */
  public static Map<Integer, Double> evaluate(Transformer model, int perLevel) {
    Generator generator = new Generator(model, new ByteTokenizer());
    Map<Integer, Double> accuracy = new TreeMap<>();
    for (int level = 1; level <= 3; level++) {
      List<ArithmeticTasks.Task> tasks = ArithmeticTasks.generate(ArithmeticTasks.Split.HELD_OUT, level, perLevel, 1000 + level);
      int right = 0;
      for (ArithmeticTasks.Task task : tasks) {
        String prompt = ChatFormat.SIMPLE.render(List.of(new ChatFormat.Message("user", task.question())));
        String answer = generator.generate(prompt, SamplingOptions.GREEDY.withMaxTokens(8).withStop(List.of("<|end|>"))).text();
        if (ArithmeticTasks.correct(answer, task.answer())) {
          right++;
        }
      }
      accuracy.put(level, right / (double) tasks.size());
    }
    return accuracy;
  }
}
