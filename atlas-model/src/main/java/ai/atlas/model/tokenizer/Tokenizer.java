package ai.atlas.model.tokenizer;

import java.util.OptionalInt;

/** Text to token ids and back. Special tokens written literally in the text encode as their ids. */
public interface Tokenizer {

  int[] encode(String text);

  String decode(int[] ids);

  int vocabSize();

  /** The id of a special token such as {@code <|im_end|>}, if the vocabulary has it. */
  OptionalInt specialId(String token);

  /** The end-of-sequence token, if there is one. */
  OptionalInt eos();
}
