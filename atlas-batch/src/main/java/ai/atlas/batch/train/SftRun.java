package ai.atlas.batch.train;

import ai.atlas.model.tokenizer.BpeTokenizer;
import ai.atlas.model.tokenizer.ByteTokenizer;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.model.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;

/** The folders of one run: the base checkpoint, the output, and the work folder of its states. */
record SftRun(Path base, Path output, Path work) {

  static SftRun of(String base, String output, String modelsDir, long instanceId) {
    Path models = Path.of(modelsDir);
    return new SftRun(Path.of(base), Path.of(output), models.resolve(".work").resolve("sft-" + instanceId));
  }

  Tokenizer tokenizer() {
    Path file = base.resolve("tokenizer.json");
    return Files.isRegularFile(file) ? BpeTokenizer.load(file) : new ByteTokenizer();
  }

  ChatFormat format() {
    return ChatFormat.of(base);
  }

  Path state(int step) {
    return work.resolve("step-" + step);
  }
}
