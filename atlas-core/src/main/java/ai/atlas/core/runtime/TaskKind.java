package ai.atlas.core.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kind of a task, for the default learning key: its opening words with the values taken out,
 * so tasks made from one template ("What is letter 7 of k, q, m?", "What is letter 3 of p, g, l?",
 * "Refund order 1234 for bob@example.com") share lane history, drift and playbook while tasks that
 * say different things do not. Numbers, single letters, e-mail addresses, URLs and quoted text
 * become placeholders; punctuation goes; the first {@value #WORDS} words remain.
 */
final class TaskKind {

  static final int WORDS = 16;

  private static final Pattern URL = Pattern.compile("\\b(?:https?|ftp)://\\S+");
  private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}");
  private static final Pattern QUOTED = Pattern.compile("\"[^\"\\n]*\"|“[^”\\n]*”|`[^`\\n]*`");
  private static final Pattern NUMBER = Pattern.compile("\\p{N}+(?:[.,:/-]\\p{N}+)*");
  private static final Pattern WORD = Pattern.compile("<[a-z]+>|#|[\\p{L}\\p{N}_'-]+");

  private TaskKind() {}

  /** The task's shape: lower-case words and placeholders, single spaces. */
  static String of(String task) {
    String text = task.strip().toLowerCase(Locale.ROOT);
    text = URL.matcher(text).replaceAll(" <url> ");
    text = EMAIL.matcher(text).replaceAll(" <email> ");
    text = QUOTED.matcher(text).replaceAll(" <quoted> ");
    text = NUMBER.matcher(text).replaceAll(" # ");
    List<String> words = new ArrayList<>();
    Matcher word = WORD.matcher(text);
    while (word.find() && words.size() < WORDS) {
      String w = word.group();
      // a lone letter is a value (an option, a variable, a list item), never the point of the task
      words.add(w.length() == 1 && Character.isLetter(w.charAt(0)) ? "?" : w);
    }
    return String.join(" ", words);
  }
}
