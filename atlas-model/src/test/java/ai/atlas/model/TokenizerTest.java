package ai.atlas.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.model.tokenizer.BpeTokenizer;
import ai.atlas.model.tokenizer.ByteTokenizer;
import ai.atlas.model.tokenizer.ChatFormat;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

  @Test
  void theByteTokenizerRoundTripsAnyTextAndEncodesSpecialTokensAsOne() {
    ByteTokenizer tokenizer = new ByteTokenizer();
    String text = "<|user|>\nWhat is 6×7? 🙂<|end|>\n<|assistant|>\n";

    int[] ids = tokenizer.encode(text);

    assertThat(tokenizer.decode(ids)).isEqualTo(text);
    assertThat(ids[0]).isEqualTo(tokenizer.specialId("<|user|>").getAsInt());
    assertThat(ids).hasSize(3 + "\nWhat is 6×7? 🙂".getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 2);
    assertThat(tokenizer.vocabSize()).isEqualTo(263);
    assertThat(tokenizer.eos()).hasValue(257);
  }

  /** A byte-level BPE vocabulary: the 256 byte symbols, three merges, and one added token. */
  static String tokenizerJson(boolean mergesAsPairs, String splitRegex) {
    JsonObjectBuilder vocab = Json.createObjectBuilder();
    for (int b = 0; b < 256; b++) {
      vocab.add(String.valueOf(BpeTokenizer.byteChar(b)), b);
    }
    vocab.add("Ġt", 256).add("he", 257).add("Ġthe", 258);
    var merges = Json.createArrayBuilder();
    for (String[] pair : new String[][] {{"Ġ", "t"}, {"h", "e"}, {"Ġt", "he"}}) {
      if (mergesAsPairs) {
        merges.add(Json.createArrayBuilder().add(pair[0]).add(pair[1]));
      } else {
        merges.add(pair[0] + " " + pair[1]);
      }
    }
    var pre = splitRegex == null
        ? Json.createObjectBuilder().add("type", "ByteLevel").add("add_prefix_space", false).add("use_regex", true)
        : Json.createObjectBuilder().add("type", "Sequence").add("pretokenizers", Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("type", "Split").add("pattern", Json.createObjectBuilder().add("Regex", splitRegex))
                .add("behavior", "Isolated"))
            .add(Json.createObjectBuilder().add("type", "ByteLevel").add("use_regex", false)));
    return Json.createObjectBuilder()
        .add("added_tokens", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", 259).add("content", "<|im_end|>")
            .add("special", true)))
        .add("pre_tokenizer", pre)
        .add("model", Json.createObjectBuilder().add("type", "BPE").add("vocab", vocab).add("merges", merges))
        .build().toString();
  }

  @Test
  void bpeMergesByRankAndRoundTrips() {
    for (BpeTokenizer tokenizer : List.of(BpeTokenizer.parse(tokenizerJson(false, null), "<|im_end|>"),
        BpeTokenizer.parse(tokenizerJson(true, "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"),
            "<|im_end|>"))) {
      assertThat(tokenizer.encode(" the")).containsExactly(258);
      assertThat(tokenizer.encode("the")).containsExactly('t', 257);
      assertThat(tokenizer.encode("the the<|im_end|>")).containsExactly('t', 257, 258, 259);
      String text = "héllo wörld 🙂 the end\n\tx<|im_end|>";
      assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
      assertThat(tokenizer.eos()).hasValue(259);
      assertThat(tokenizer.vocabSize()).isEqualTo(260);
    }
  }

  @Test
  void sentencePieceStyleTokenizersAreRefusedNotMisread() {
    JsonObject byteLevel = Json.createReader(new StringReader(tokenizerJson(false, null))).readObject();
    // Llama 2 / Mistral v0.1: spaces become '▁' in the normalizer, no pre-tokenizer, byte fallback
    String llama2 = Json.createObjectBuilder(byteLevel).remove("pre_tokenizer")
        .add("normalizer", Json.createObjectBuilder().add("type", "Sequence").add("normalizers", Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("type", "Prepend").add("prepend", "\u2581"))
            .add(Json.createObjectBuilder().add("type", "Replace").add("content", "\u2581"))))
        .build().toString();
    String metaspace = Json.createObjectBuilder(byteLevel)
        .add("pre_tokenizer", Json.createObjectBuilder().add("type", "Metaspace").add("replacement", "\u2581")).build().toString();
    String fallback = Json.createObjectBuilder(byteLevel)
        .add("model", Json.createObjectBuilder(byteLevel.getJsonObject("model")).add("byte_fallback", true)).build().toString();
    String digits = Json.createObjectBuilder(byteLevel)
        .add("pre_tokenizer", Json.createObjectBuilder().add("type", "Digits")).build().toString();

    for (String json : List.of(llama2, metaspace, fallback)) {
      assertThatThrownBy(() -> BpeTokenizer.parse(json, null))
          .isInstanceOf(ModelException.class)
          .hasMessageStartingWith("tokenizer.json: a SentencePiece-style tokenizer is not supported (")
          .hasMessageEndingWith("); this engine runs byte-level BPE tokenizers (GPT-2, Llama 3, Qwen)");
    }
    assertThatThrownBy(() -> BpeTokenizer.parse(digits, null))
        .hasMessage("tokenizer.json: the pre-tokenizer Digits is not supported; this engine runs Split and ByteLevel");
  }

  @Test
  void chatFormatsRenderRoleAndContentLayouts() {
    List<ChatFormat.Message> messages = List.of(new ChatFormat.Message("system", "Be brief."), new ChatFormat.Message("user", "Hi"));

    assertThat(ChatFormat.SIMPLE.render(messages)).isEqualTo("<|system|>\nBe brief.<|end|>\n<|user|>\nHi<|end|>\n<|assistant|>\n");
    assertThat(ChatFormat.CHATML.render(messages))
        .isEqualTo("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    assertThat(ChatFormat.LLAMA3.render(messages)).startsWith("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>")
        .endsWith("<|start_header_id|>assistant<|end_header_id|>\n\n");
    assertThat(ChatFormat.CHATML.stop()).isEqualTo("<|im_end|>");
  }
}
