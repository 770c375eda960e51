package ai.atlas.model.tokenizer;

import ai.atlas.model.ModelException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hugging Face {@code tokenizer.json} with a byte-level BPE model (GPT-2, Llama 3, Qwen2):
 * added tokens are split out first, the rest is pre-tokenised by the {@code Split} regex (or
 * GPT-2's), each piece's UTF-8 bytes are mapped to the byte-level alphabet and merged by the
 * merges' ranks, and decoding maps the alphabet back to bytes.
 */
public final class BpeTokenizer implements Tokenizer {

  /** GPT-2's pre-tokenisation, used when the file names no Split pattern. */
  static final String GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

  private final Map<String, Integer> vocab;
  private final String[] tokens;
  private final Map<String, Integer> ranks;
  private final Map<String, Integer> added;
  private final Pattern addedPattern;
  private final Pattern split;
  private final boolean addPrefixSpace;
  private final Integer eos;
  private static final int CACHE_LIMIT = 100_000;
  private final Map<String, int[]> cache = new ConcurrentHashMap<>();

  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final Map<Character, Integer> CHAR_TO_BYTE = new HashMap<>();

  static {
    // GPT-2's alphabet: printable bytes stand for themselves, the others for code points from 256 on.
    int next = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
      char c = printable ? (char) b : (char) (256 + next++);
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE.put(c, b);
    }
  }

  private BpeTokenizer(Map<String, Integer> vocab, Map<String, Integer> ranks, Map<String, Integer> added, Pattern split,
      boolean addPrefixSpace, Integer eos) {
    this.vocab = vocab;
    this.ranks = ranks;
    this.added = added;
    this.split = split;
    this.addPrefixSpace = addPrefixSpace;
    this.eos = eos;
    int size = 0;
    for (int id : vocab.values()) {
      size = Math.max(size, id + 1);
    }
    for (int id : added.values()) {
      size = Math.max(size, id + 1);
    }
    tokens = new String[size];
    vocab.forEach((token, id) -> tokens[id] = token);
    added.forEach((token, id) -> tokens[id] = token);
    addedPattern = added.isEmpty() ? null : Pattern.compile(added.keySet().stream()
        .sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
        .reduce((a, b) -> a + "|" + b).orElseThrow());
  }

  public static BpeTokenizer load(Path file) {
    try {
      return parse(Files.readString(file), eosFrom(file.resolveSibling("tokenizer_config.json")));
    } catch (IOException e) {
      throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String eosFrom(Path config) throws IOException {
    if (!Files.isRegularFile(config)) {
      return null;
    }
    JsonObject json = Json.createReader(new StringReader(Files.readString(config))).readObject();
    JsonValue eos = json.get("eos_token");
    if (eos instanceof JsonString s) {
      return s.getString();
    }
    return eos instanceof JsonObject o ? o.getString("content", null) : null;
  }

  public static BpeTokenizer parse(String json, String eosToken) {
    JsonObject root = Json.createReader(new StringReader(json)).readObject();
    JsonObject model = root.getJsonObject("model");
    if (model == null || !"BPE".equals(model.getString("type", "BPE"))) {
      throw new ModelException("tokenizer.json: only BPE models are supported, not " + (model == null ? "none" : model.getString("type")));
    }
    refuseSentencePiece(root, model);
    Map<String, Integer> vocab = new HashMap<>();
    model.getJsonObject("vocab").forEach((token, id) -> vocab.put(token, ((jakarta.json.JsonNumber) id).intValue()));
    Map<String, Integer> ranks = new HashMap<>();
    JsonArray merges = model.getJsonArray("merges");
    for (int i = 0; i < merges.size(); i++) {
      JsonValue merge = merges.get(i);
      String pair = merge instanceof JsonString s ? s.getString()
          : merge.asJsonArray().getString(0) + " " + merge.asJsonArray().getString(1);
      ranks.putIfAbsent(pair, i);
    }
    Map<String, Integer> added = new LinkedHashMap<>();
    JsonArray addedTokens = root.getJsonArray("added_tokens");
    if (addedTokens != null) {
      for (JsonValue value : addedTokens) {
        JsonObject token = value.asJsonObject();
        added.put(token.getString("content"), token.getInt("id"));
      }
    }
    Pattern split = null;
    boolean prefix = false;
    for (JsonObject pre : preTokenizers(root.get("pre_tokenizer"))) {
      String type = pre.getString("type", "");
      if (type.equals("Split") && pre.getJsonObject("pattern") != null && pre.getJsonObject("pattern").containsKey("Regex")) {
        split = Pattern.compile(pre.getJsonObject("pattern").getString("Regex"));
      } else if (type.equals("ByteLevel")) {
        prefix = pre.getBoolean("add_prefix_space", false);
        if (split == null && pre.getBoolean("use_regex", true)) {
          split = Pattern.compile(GPT2_PATTERN);
        }
      }
    }
    Integer eos = eosToken == null ? null : added.getOrDefault(eosToken, vocab.get(eosToken));
    return new BpeTokenizer(vocab, ranks, added, split == null ? Pattern.compile(GPT2_PATTERN) : split, prefix, eos);
  }

  /**
   * This engine runs byte-level BPE (GPT-2, Llama 3, Qwen). A SentencePiece-style tokenizer marks
   * word starts with '▁' (Metaspace, or a normalizer that prepends and replaces spaces) and falls
   * back to byte tokens: read as byte-level it would encode every text wrongly without an error,
   * so it is refused, as is any pre-tokenizer this class does not implement.
   */
  private static void refuseSentencePiece(JsonObject root, JsonObject model) {
    String why = null;
    if (model.getBoolean("byte_fallback", false)) {
      why = "its BPE model uses byte_fallback";
    } else if (mentions(root.get("normalizer"), "Prepend") || mentions(root.get("normalizer"), "Replace")) {
      why = "its normalizer rewrites spaces as '\u2581'";
    } else if (mentions(root.get("pre_tokenizer"), "Metaspace") || mentions(root.get("decoder"), "Metaspace")) {
      why = "it uses the Metaspace pre-tokenizer";
    }
    if (why != null) {
      throw new ModelException("tokenizer.json: a SentencePiece-style tokenizer is not supported (" + why
          + "); this engine runs byte-level BPE tokenizers (GPT-2, Llama 3, Qwen)");
    }
    for (JsonObject pre : preTokenizers(root.get("pre_tokenizer"))) {
      String type = pre.getString("type", "");
      if (!type.equals("Split") && !type.equals("ByteLevel")) {
        throw new ModelException("tokenizer.json: the pre-tokenizer " + type + " is not supported; this engine runs Split and ByteLevel");
      }
    }
  }

  /** Whether a tokenizer component, or one of a Sequence of them, has this type. */
  private static boolean mentions(JsonValue component, String type) {
    if (!(component instanceof JsonObject object)) {
      return false;
    }
    if (type.equals(object.getString("type", ""))) {
      return true;
    }
    for (String list : new String[] {"normalizers", "pretokenizers", "decoders"}) {
      if (object.get(list) instanceof JsonArray parts && parts.stream().anyMatch(part -> mentions(part, type))) {
        return true;
      }
    }
    return false;
  }

  private static List<JsonObject> preTokenizers(JsonValue value) {
    if (!(value instanceof JsonObject object)) {
      return List.of();
    }
    if ("Sequence".equals(object.getString("type", ""))) {
      return object.getJsonArray("pretokenizers").getValuesAs(JsonObject.class);
    }
    return List.of(object);
  }

  @Override
  public int[] encode(String text) {
    List<Integer> ids = new ArrayList<>();
    int at = 0;
    if (addedPattern != null) {
      Matcher special = addedPattern.matcher(text);
      while (special.find()) {
        encodeOrdinary(text.substring(at, special.start()), ids);
        ids.add(added.get(special.group()));
        at = special.end();
      }
    }
    encodeOrdinary(text.substring(at), ids);
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  private void encodeOrdinary(String text, List<Integer> ids) {
    if (text.isEmpty()) {
      return;
    }
    String input = addPrefixSpace && !text.startsWith(" ") ? " " + text : text;
    Matcher pieces = split.matcher(input);
    while (pieces.find()) {
      String piece = pieces.group();
      int[] merged = cache.get(piece);
      if (merged == null) {
        merged = bpe(piece);
        if (cache.size() < CACHE_LIMIT) {
          cache.put(piece, merged); // bounded: a server tokenizes arbitrary text for as long as it runs
        }
      }
      for (int id : merged) {
        ids.add(id);
      }
    }
  }

  /** Merges one pre-tokenised piece by rank, lowest first, as the BPE model was trained. */
  private int[] bpe(String piece) {
    StringBuilder mapped = new StringBuilder();
    for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
      mapped.append(BYTE_TO_CHAR[b & 0xff]);
    }
    List<String> symbols = new ArrayList<>();
    mapped.codePoints().forEach(cp -> symbols.add(new String(Character.toChars(cp))));
    while (symbols.size() > 1) {
      int best = -1;
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < symbols.size(); i++) {
        Integer rank = ranks.get(symbols.get(i) + " " + symbols.get(i + 1));
        if (rank != null && rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
    }
    int[] out = new int[symbols.size()];
    for (int i = 0; i < out.length; i++) {
      Integer id = vocab.get(symbols.get(i));
      if (id == null) {
        throw new ModelException("tokenizer.json: the vocabulary has no token " + symbols.get(i));
      }
      out[i] = id;
    }
    return out;
  }

  @Override
  public String decode(int[] ids) {
    StringBuilder out = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int id : ids) {
      String token = id >= 0 && id < tokens.length ? tokens[id] : null;
      if (token == null) {
        continue;
      }
      if (added.containsKey(token)) {
        out.append(bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
        out.append(token);
        continue;
      }
      for (char c : token.toCharArray()) {
        Integer b = CHAR_TO_BYTE.get(c);
        if (b != null) {
          bytes.write(b);
        }
      }
    }
    return out.append(bytes.toString(StandardCharsets.UTF_8)).toString();
  }

  @Override
  public int vocabSize() {
    return tokens.length;
  }

  @Override
  public OptionalInt specialId(String token) {
    Integer id = added.get(token);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  @Override
  public OptionalInt eos() {
    return eos == null ? OptionalInt.empty() : OptionalInt.of(eos);
  }

  /** The byte-level alphabet's character for a byte (for building vocabularies in tests and tools). */
  public static char byteChar(int b) {
    return BYTE_TO_CHAR[b & 0xff];
  }
}
