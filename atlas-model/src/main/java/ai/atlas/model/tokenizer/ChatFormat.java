package ai.atlas.model.tokenizer;

import ai.atlas.model.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a conversation becomes the prompt text: {@code SIMPLE} for models trained here
 * ({@code <|user|>\ncontent<|end|>\n} per message, then {@code <|assistant|>\n}), {@code CHATML}
 * ({@code <|im_start|>role\ncontent<|im_end|>\n}, Qwen) and {@code LLAMA3}
 * ({@code <|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>}). A checkpoint's own
 * chat template is recognised when it is one of these plain role/content layouts.
 */
public enum ChatFormat {
  SIMPLE("", "<|%s|>\n", "<|end|>\n", "<|end|>"),
  CHATML("", "<|im_start|>%s\n", "<|im_end|>\n", "<|im_end|>"),
  LLAMA3("<|begin_of_text|>", "<|start_header_id|>%s<|end_header_id|>\n\n", "<|eot_id|>", "<|eot_id|>");

  /** One message: a role ({@code system}, {@code user}, {@code assistant}) and its text. */
  public record Message(String role, String content) {}

  private final String begin;
  private final String header;
  private final String end;
  private final String stop;

  ChatFormat(String begin, String header, String end, String stop) {
    this.begin = begin;
    this.header = header;
    this.end = end;
    this.stop = stop;
  }

  /** The prompt for the messages, ending where the assistant's answer starts. */
  public String render(List<Message> messages) {
    StringBuilder out = new StringBuilder(begin);
    for (Message m : messages) {
      out.append(String.format(header, m.role())).append(m.content()).append(end);
    }
    return out.append(String.format(header, "assistant")).toString();
  }

  /** The text that ends the assistant's turn. */
  public String stop() {
    return stop;
  }

  /** The format of a checkpoint folder: its {@code tokenizer_config.json}'s chat template, else SIMPLE. */
  public static ChatFormat of(Path checkpoint) {
    Path config = checkpoint.resolve("tokenizer_config.json");
    if (!Files.isRegularFile(config)) {
      return SIMPLE;
    }
    try {
      String text = Files.readString(config);
      if (!text.contains("chat_template")) {
        return SIMPLE;
      }
      if (text.contains("<|im_start|>")) {
        return CHATML;
      }
      if (text.contains("<|start_header_id|>")) {
        return LLAMA3;
      }
      throw new ModelException(config + ": the chat template is not a plain role/content layout this engine knows"
          + " (ChatML, Llama 3); give the checkpoint a tokenizer_config.json without it to use the simple format");
    } catch (IOException e) {
      throw new ModelException("cannot read " + config + ": " + e.getMessage(), e);
    }
  }
}
