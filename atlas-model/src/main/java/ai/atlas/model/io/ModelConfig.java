package ai.atlas.model.io;

import ai.atlas.model.ModelException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The architecture of a checkpoint, from its {@code config.json}: a Llama-family decoder
 * ({@code LlamaForCausalLM}, {@code Qwen2ForCausalLM}, {@code Qwen3ForCausalLM},
 * {@code MistralForCausalLM} without sliding windows). Anything this engine cannot run exactly
 * (another architecture, rope scaling) is refused with a message that names it.
 *
 * @param attentionBias whether q, k and v projections have a bias (Qwen2 always; Llama and Qwen3
 *     when {@code attention_bias} says so)
 * @param qkNorm whether each head's query and key are RMS-normalised before the rotary embedding
 *     ({@code q_norm}, {@code k_norm}: Qwen3)
 */
public record ModelConfig(
    String architecture,
    String modelType,
    int hiddenSize,
    int intermediateSize,
    int numHeads,
    int numKvHeads,
    int headDim,
    int numLayers,
    double rmsNormEps,
    double ropeTheta,
    int vocabSize,
    int maxPositions,
    boolean tieWordEmbeddings,
    boolean attentionBias,
    boolean qkNorm,
    String torchDtype,
    Integer bosTokenId,
    Integer eosTokenId) {

  public static final Set<String> ARCHITECTURES = Set.of("LlamaForCausalLM", "Qwen2ForCausalLM", "Qwen3ForCausalLM",
      "MistralForCausalLM");

  public ModelConfig {
    if (hiddenSize <= 0 || numHeads <= 0 || numKvHeads <= 0 || numLayers <= 0 || vocabSize <= 0 || intermediateSize <= 0) {
      throw new ModelException("config: sizes must be positive");
    }
    if (numHeads % numKvHeads != 0) {
      throw new ModelException("config: num_attention_heads (" + numHeads + ") must be a multiple of num_key_value_heads ("
          + numKvHeads + ")");
    }
    if (headDim % 2 != 0) {
      throw new ModelException("config: the head dimension (" + headDim + ") must be even for rotary embeddings");
    }
  }

  public int qDim() {
    return numHeads * headDim;
  }

  public int kvDim() {
    return numKvHeads * headDim;
  }

  public static ModelConfig read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static ModelConfig parse(String text) {
    JsonObject json;
    try {
      json = Json.createReader(new StringReader(text)).readObject();
    } catch (JsonException e) {
      throw new ModelException("config.json is not a JSON object: " + e.getMessage(), e);
    }
    String architecture = json.containsKey("architectures") && !json.getJsonArray("architectures").isEmpty()
        ? json.getJsonArray("architectures").getString(0) : null;
    if (architecture == null || !ARCHITECTURES.contains(architecture)) {
      throw new ModelException("config.json: architecture " + architecture + " is not supported; this engine runs "
          + ARCHITECTURES);
    }
    JsonValue scaling = json.get("rope_scaling");
    if (scaling != null && scaling.getValueType() != JsonValue.ValueType.NULL) {
      throw new ModelException("config.json: rope_scaling " + scaling + " is not supported");
    }
    JsonValue window = json.get("sliding_window");
    boolean slidingUsed = json.getBoolean("use_sliding_window", architecture.equals("MistralForCausalLM"));
    if (slidingUsed && window != null && window.getValueType() == JsonValue.ValueType.NUMBER) {
      throw new ModelException("config.json: sliding-window attention is not supported");
    }
    String modelType = json.getString("model_type", "llama");
    int hidden = integer(json, "hidden_size", null);
    int heads = integer(json, "num_attention_heads", null);
    boolean qwen2 = modelType.equals("qwen2") || architecture.equals("Qwen2ForCausalLM");
    boolean qwen3 = modelType.equals("qwen3") || architecture.equals("Qwen3ForCausalLM");
    return new ModelConfig(
        architecture,
        modelType,
        hidden,
        integer(json, "intermediate_size", null),
        heads,
        integer(json, "num_key_value_heads", heads),
        integer(json, "head_dim", heads == 0 ? 0 : hidden / heads),
        integer(json, "num_hidden_layers", null),
        number(json, "rms_norm_eps", 1e-6),
        number(json, "rope_theta", 10000.0),
        integer(json, "vocab_size", null),
        integer(json, "max_position_embeddings", 2048),
        json.getBoolean("tie_word_embeddings", false),
        qwen2 || json.getBoolean("attention_bias", false),
        qwen3,
        json.getString("torch_dtype", "float32"),
        optionalInteger(json, "bos_token_id"),
        optionalInteger(json, "eos_token_id"));
  }

  private static int integer(JsonObject json, String key, Integer fallback) {
    JsonValue value = json.get(key);
    if (value instanceof JsonNumber n && n.isIntegral()) {
      return n.intValue();
    }
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      if (fallback == null) {
        throw new ModelException("config.json: " + key + " is required");
      }
      return fallback;
    }
    throw new ModelException("config.json: " + key + " must be a whole number, not " + value);
  }

  private static Integer optionalInteger(JsonObject json, String key) {
    JsonValue value = json.get(key);
    if (value instanceof JsonNumber n && n.isIntegral()) {
      return n.intValue();
    }
    if (value instanceof jakarta.json.JsonArray list && !list.isEmpty() && list.get(0) instanceof JsonNumber n) {
      return n.intValue(); // several end tokens: the first
    }
    return null;
  }

  private static double number(JsonObject json, String key, double fallback) {
    JsonValue value = json.get(key);
    return value instanceof JsonNumber n ? n.doubleValue() : fallback;
  }

  /** The config as transformers writes it, so a saved checkpoint loads there. */
  public String toJson() {
    var json = Json.createObjectBuilder()
        .add("architectures", Json.createArrayBuilder().add(architecture))
        .add("model_type", modelType)
        .add("hidden_size", hiddenSize)
        .add("intermediate_size", intermediateSize)
        .add("num_attention_heads", numHeads)
        .add("num_key_value_heads", numKvHeads)
        .add("head_dim", headDim)
        .add("num_hidden_layers", numLayers)
        .add("rms_norm_eps", rmsNormEps)
        .add("rope_theta", ropeTheta)
        .add("vocab_size", vocabSize)
        .add("max_position_embeddings", maxPositions)
        .add("tie_word_embeddings", tieWordEmbeddings)
        .add("hidden_act", "silu")
        .add("torch_dtype", torchDtype);
    if (!modelType.equals("qwen2")) {
      json.add("attention_bias", attentionBias);
    }
    if (bosTokenId != null) {
      json.add("bos_token_id", bosTokenId);
    }
    if (eosTokenId != null) {
      json.add("eos_token_id", eosTokenId);
    }
    return json.build().toString();
  }
}
