package ai.atlas.plugins.localmodel;

import ai.atlas.model.ModelException;
import ai.atlas.model.backend.Backends;
import ai.atlas.model.io.Checkpoint;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.tokenizer.BpeTokenizer;
import ai.atlas.model.tokenizer.ByteTokenizer;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.model.tokenizer.Tokenizer;
import ai.atlas.spi.PluginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A checkpoint folder loaded once and shared by every model the plugin makes from it (until its
 * files change): the transformer, its tokenizer ({@code tokenizer.json}, else the byte tokenizer)
 * and its chat format.
 */
record LoadedModel(Transformer model, Tokenizer tokenizer, ChatFormat format) {

  private record Key(Path dir, FileTime changed) {}

  private static final Map<Key, LoadedModel> LOADED = new ConcurrentHashMap<>();

  static LoadedModel of(Path dir) {
    Path folder = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(folder)) {
      throw new PluginException("the model folder " + folder + " does not exist");
    }
    FileTime changed;
    try {
      changed = Files.getLastModifiedTime(folder.resolve(Checkpoint.CONFIG));
    } catch (IOException e) {
      throw new PluginException("the model folder " + folder + " has no readable " + Checkpoint.CONFIG);
    }
    Key key = new Key(folder, changed);
    try {
      return LOADED.computeIfAbsent(key, k -> load(k.dir()));
    } catch (ModelException e) {
      throw new PluginException("the model in " + folder + " cannot run: " + e.getMessage());
    }
  }

  private static LoadedModel load(Path folder) {
    LOADED.keySet().removeIf(k -> k.dir().equals(folder)); // an older version of the same folder
    Transformer model = Transformer.load(Checkpoint.load(folder), Backends.choose());
    Path tokenizerFile = folder.resolve("tokenizer.json");
    Tokenizer tokenizer = Files.isRegularFile(tokenizerFile) ? BpeTokenizer.load(tokenizerFile) : new ByteTokenizer();
    if (tokenizer.vocabSize() > model.config().vocabSize()) {
      throw new ModelException("the tokenizer has " + tokenizer.vocabSize() + " tokens; the model only " + model.config().vocabSize());
    }
    return new LoadedModel(model, tokenizer, ChatFormat.of(folder));
  }
}
