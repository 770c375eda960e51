package ai.atlas.model.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * For models trained from scratch: ids 0..255 are the UTF-8 bytes, followed by a few special
 * tokens (beginning and end of sequence, padding, and the chat markers of
 * {@link ChatFormat#SIMPLE}). Every text encodes, and decoding what was encoded gives it back.
 */
public final class ByteTokenizer implements Tokenizer {

  public static final List<String> SPECIALS = List.of("<|bos|>", "<|eos|>", "<|pad|>", "<|system|>", "<|user|>", "<|assistant|>",
      "<|end|>");

  @Override
  public int[] encode(String text) {
    List<Integer> ids = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int special = -1;
      int specialAt = text.length();
      for (int s = 0; s < SPECIALS.size(); s++) {
        int found = text.indexOf(SPECIALS.get(s), at);
        if (found >= 0 && found < specialAt) {
          specialAt = found;
          special = s;
        }
      }
      for (byte b : text.substring(at, specialAt).getBytes(StandardCharsets.UTF_8)) {
        ids.add(b & 0xff);
      }
      if (special < 0) {
        break;
      }
      ids.add(256 + special);
      at = specialAt + SPECIALS.get(special).length();
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String decode(int[] ids) {
    StringBuilder out = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int id : ids) {
      if (id < 256) {
        bytes.write(id);
      } else {
        out.append(bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
        if (id - 256 < SPECIALS.size()) {
          out.append(SPECIALS.get(id - 256));
        }
      }
    }
    return out.append(bytes.toString(StandardCharsets.UTF_8)).toString();
  }

  @Override
  public int vocabSize() {
    return 256 + SPECIALS.size();
  }

  @Override
  public OptionalInt specialId(String token) {
    int index = SPECIALS.indexOf(token);
    return index < 0 ? OptionalInt.empty() : OptionalInt.of(256 + index);
  }

  @Override
  public OptionalInt eos() {
    return specialId("<|eos|>");
  }
}
