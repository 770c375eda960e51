package ai.atlas.model.tasks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The teaching demo's task family: "What is letter 4 of k, q, m, t, z, b, c, w?" over lists of
 * eight distinct lowercase letters. Picking a letter by its place straight from the list is hard
 * for a small model (it has to route by a number to one of eight places); reading it off the list
 * spelled out with places ("k1 q2 m3 t4") is easy, and spelling it out is a copy at a fixed
 * distance, which a small model learns quickly. So a student that is weak alone becomes strong with a teacher that spells the word
 * for it, which is the shape of the claim the demo measures. The split is fixed by the question's
 * text (a CRC32 of it: one in ten is held out), so no held-out task is ever trained on.
 */
public final class LetterTasks {

  /** A task: the word, the place asked for (1-based), the question and its answer. */
  public record Task(String word, int place, String question, String answer) {

    /** The word spelled out up to the place asked for, each letter with its place: "k1 q2 m3 t4". */
    public String spelledToPlace() {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < place; i++) {
        out.append(i == 0 ? "" : " ").append(word.charAt(i)).append(i + 1);
      }
      return out.toString();
    }
  }

  public enum Split {
    TRAIN,
    HELD_OUT
  }

  /** Every list has this many letters, so every prompt of a kind has one length. */
  public static final int LENGTH = 8;

  private LetterTasks() {}

  public static Task of(String word, int place) {
    if (place < 1 || place > word.length()) {
      throw new IllegalArgumentException("place " + place + " is outside the list '" + word + "'");
    }
    return new Task(word, place, "What is letter " + place + " of " + String.join(", ", word.split("")) + "?",
        String.valueOf(word.charAt(place - 1)));
  }

  public static Split splitOf(String question) {
    CRC32 crc = new CRC32();
    crc.update(question.getBytes(StandardCharsets.UTF_8));
    return crc.getValue() % 10 == 0 ? Split.HELD_OUT : Split.TRAIN;
  }

  /** {@code count} distinct tasks of the split, generated from the seed. */
  public static List<Task> generate(Split split, int count, long seed) {
    Random random = new Random(seed);
    Set<String> seen = new LinkedHashSet<>();
    List<Task> tasks = new ArrayList<>();
    int attempts = 0;
    while (tasks.size() < count && attempts++ < count * 100) {
      Task task = one(random);
      if (splitOf(task.question()) == split && seen.add(task.question())) {
        tasks.add(task);
      }
    }
    return tasks;
  }

  static Task one(Random random) {
    int length = LENGTH;
    StringBuilder word = new StringBuilder();
    boolean[] used = new boolean[26];
    while (word.length() < length) {
      int letter = random.nextInt(26);
      if (!used[letter]) {
        used[letter] = true;
        word.append((char) ('a' + letter));
      }
    }
    return of(word.toString(), 1 + random.nextInt(length));
  }

  /** A plausible wrong answer, as a weak student gives: another letter of the same word. */
  public static String wrongAnswer(Task task, Random random) {
    int place;
    do {
      place = random.nextInt(task.word().length());
    } while (place == task.place() - 1);
    return String.valueOf(task.word().charAt(place));
  }
}
