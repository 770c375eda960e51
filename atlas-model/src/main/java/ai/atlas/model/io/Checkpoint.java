package ai.atlas.model.io;

import ai.atlas.model.ModelException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A checkpoint folder in the Hugging Face layout: {@code config.json} and either
 * {@code model.safetensors} or shards named by {@code model.safetensors.index.json}. Loading
 * checks that every tensor the architecture needs is there with its shape; saving writes the same
 * layout (sharded above a size), so a checkpoint trained here loads in transformers.
 */
public record Checkpoint(ModelConfig config, Map<String, Tensor> tensors) {

  public static final String CONFIG = "config.json";
  public static final String SINGLE = "model.safetensors";
  public static final String INDEX = "model.safetensors.index.json";

  /** The tensors an architecture needs, by name, with their shapes, in the order transformers lists them. */
  public static Map<String, int[]> expectedShapes(ModelConfig c) {
    Map<String, int[]> shapes = new LinkedHashMap<>();
    shapes.put("model.embed_tokens.weight", new int[] {c.vocabSize(), c.hiddenSize()});
    for (int l = 0; l < c.numLayers(); l++) {
      String p = "model.layers." + l + ".";
      shapes.put(p + "input_layernorm.weight", new int[] {c.hiddenSize()});
      shapes.put(p + "self_attn.q_proj.weight", new int[] {c.qDim(), c.hiddenSize()});
      shapes.put(p + "self_attn.k_proj.weight", new int[] {c.kvDim(), c.hiddenSize()});
      shapes.put(p + "self_attn.v_proj.weight", new int[] {c.kvDim(), c.hiddenSize()});
      if (c.attentionBias()) {
        shapes.put(p + "self_attn.q_proj.bias", new int[] {c.qDim()});
        shapes.put(p + "self_attn.k_proj.bias", new int[] {c.kvDim()});
        shapes.put(p + "self_attn.v_proj.bias", new int[] {c.kvDim()});
      }
      if (c.qkNorm()) {
        shapes.put(p + "self_attn.q_norm.weight", new int[] {c.headDim()});
        shapes.put(p + "self_attn.k_norm.weight", new int[] {c.headDim()});
      }
      shapes.put(p + "self_attn.o_proj.weight", new int[] {c.hiddenSize(), c.qDim()});
      shapes.put(p + "post_attention_layernorm.weight", new int[] {c.hiddenSize()});
      shapes.put(p + "mlp.gate_proj.weight", new int[] {c.intermediateSize(), c.hiddenSize()});
      shapes.put(p + "mlp.up_proj.weight", new int[] {c.intermediateSize(), c.hiddenSize()});
      shapes.put(p + "mlp.down_proj.weight", new int[] {c.hiddenSize(), c.intermediateSize()});
    }
    shapes.put("model.norm.weight", new int[] {c.hiddenSize()});
    if (!c.tieWordEmbeddings()) {
      shapes.put("lm_head.weight", new int[] {c.vocabSize(), c.hiddenSize()});
    }
    return shapes;
  }

  public static Checkpoint load(Path dir) {
    Path configFile = dir.resolve(CONFIG);
    if (!Files.isRegularFile(configFile)) {
      throw new ModelException(dir + " has no " + CONFIG);
    }
    ModelConfig config = ModelConfig.read(configFile);
    Map<String, Path> files = tensorFiles(dir);
    Map<String, int[]> expected = expectedShapes(config);
    Map<Path, Map<String, SafeTensors.Entry>> headers = new LinkedHashMap<>();
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> want : expected.entrySet()) {
      String name = want.getKey();
      Path file = files.get(name);
      SafeTensors.Entry entry = file == null ? null : headers.computeIfAbsent(file, SafeTensors::header).get(name);
      if (entry == null) {
        throw new ModelException("the checkpoint in " + dir + " has no tensor " + name + " (" + config.architecture() + " needs it)");
      }
      if (!Arrays.equals(entry.shape(), want.getValue())) {
        throw new ModelException("tensor " + name + " has shape " + Arrays.toString(entry.shape()) + " where config.json implies "
            + Arrays.toString(want.getValue()));
      }
      tensors.put(name, SafeTensors.read(file, entry));
    }
    return new Checkpoint(config, tensors);
  }

  /** Which file holds each tensor: the index's weight map, or every tensor of the single file. */
  private static Map<String, Path> tensorFiles(Path dir) {
    Path index = dir.resolve(INDEX);
    Map<String, Path> files = new LinkedHashMap<>();
    if (Files.isRegularFile(index)) {
      JsonObject json;
      try {
        json = Json.createReader(new StringReader(Files.readString(index))).readObject();
      } catch (IOException | RuntimeException e) {
        throw new ModelException("cannot read " + index + ": " + e.getMessage(), e);
      }
      json.getJsonObject("weight_map").forEach((name, file) -> files.put(name, dir.resolve(((jakarta.json.JsonString) file).getString())));
      return files;
    }
    Path single = dir.resolve(SINGLE);
    if (!Files.isRegularFile(single)) {
      throw new ModelException(dir + " has neither " + SINGLE + " nor " + INDEX);
    }
    SafeTensors.header(single).keySet().forEach(name -> files.put(name, single));
    return files;
  }

  /**
   * Writes {@code config.json} and the tensors, in one {@code model.safetensors} or, above
   * {@code maxShardBytes}, in shards {@code model-0000k-of-0000n.safetensors} with their index.
   */
  public void save(Path dir, long maxShardBytes) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(CONFIG), config.toJson());
      Files.deleteIfExists(dir.resolve(INDEX));
    } catch (IOException e) {
      throw new ModelException("cannot write " + dir + ": " + e.getMessage(), e);
    }
    List<List<Tensor>> shards = new ArrayList<>();
    List<Tensor> current = new ArrayList<>();
    long size = 0;
    for (Tensor t : tensors.values()) {
      long bytes = (long) t.data().length * t.storedAs().bytes();
      if (!current.isEmpty() && size + bytes > maxShardBytes) {
        shards.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(t);
      size += bytes;
    }
    shards.add(current);
    Map<String, String> metadata = Map.of("format", "pt");
    if (shards.size() == 1) {
      SafeTensors.write(dir.resolve(SINGLE), shards.get(0), metadata);
      return;
    }
    Map<String, String> weightMap = new TreeMap<>();
    long total = 0;
    for (int i = 0; i < shards.size(); i++) {
      String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
      SafeTensors.write(dir.resolve(name), shards.get(i), metadata);
      for (Tensor t : shards.get(i)) {
        weightMap.put(t.name(), name);
        total += (long) t.data().length * t.storedAs().bytes();
      }
    }
    JsonObjectBuilder map = Json.createObjectBuilder();
    weightMap.forEach(map::add);
    String index = Json.createObjectBuilder().add("metadata", Json.createObjectBuilder().add("total_size", total))
        .add("weight_map", map).build().toString();
    try {
      Files.deleteIfExists(dir.resolve(SINGLE));
      Files.writeString(dir.resolve(INDEX), index);
    } catch (IOException e) {
      throw new ModelException("cannot write " + dir.resolve(INDEX) + ": " + e.getMessage(), e);
    }
  }

  /** A tensor by name (it was checked at load). */
  public Tensor tensor(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new ModelException("no tensor " + name);
    }
    return t;
  }

}
