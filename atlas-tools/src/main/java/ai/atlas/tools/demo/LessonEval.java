package ai.atlas.tools.demo;

import ai.atlas.model.generate.Generator;
import ai.atlas.model.generate.SamplingOptions;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.tasks.LetterTasks;
import ai.atlas.model.tokenizer.ByteTokenizer;
import ai.atlas.model.tokenizer.ChatFormat;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well a learning model writes the lessons of sessions it has never seen: sessions drawn as
 * {@link LessonProtocol#learnerLines} does, over held-out tasks, each answered greedily and
 * compared with the lesson of its outcome, character for character. Prints one row per outcome.
 */
public final class LessonEval {

  /** Longest reply: the JSON of one entry. */
  static final int LEARNER_TOKENS = 160;

  private LessonEval() {}

  /** Answers the share of exact lessons over all sessions. */
  public static double run(Transformer learner, int sessions, long seed, PrintStream out) {
    List<LetterTasks.Task> tasks = LetterTasks.generate(LetterTasks.Split.HELD_OUT, sessions, seed);
    List<TeachingProtocol.TrainingLine> lines = LessonProtocol.learnerLines(tasks, seed + 1);
    Generator generator = new Generator(learner, new ByteTokenizer());
    SamplingOptions greedy = SamplingOptions.GREEDY.withMaxTokens(LEARNER_TOKENS).withStop(List.of(ChatFormat.SIMPLE.stop()));
    Map<String, int[]> byLesson = new java.util.TreeMap<>();
    int exact = 0;
    for (TeachingProtocol.TrainingLine line : lines) {
      String reply = generator.generate(ChatFormat.SIMPLE.render(line.prompt()), greedy).text().strip();
      boolean same = reply.equals(line.completion());
      exact += same ? 1 : 0;
      int[] counts = byLesson.computeIfAbsent(kind(line.completion()), k -> new int[2]);
      counts[0] += same ? 1 : 0;
      counts[1]++;
    }
    out.printf(Locale.ROOT, "%-58s %9s%n", "lesson the session teaches", "exact");
    byLesson.forEach((lesson, counts) -> out.printf(Locale.ROOT, "%-58s %4d/%-4d%n", lesson, counts[0], counts[1]));
    double share = (double) exact / lines.size();
    out.printf(Locale.ROOT, "all: %d of %d held-out sessions (%.1f %%) got exactly their lesson, place included%n", exact, lines.size(),
        100 * share);
    return share;
  }

  /** The lesson with its place left out, so rows group sessions of every place. */
  private static String kind(String lessons) {
    if (lessons.equals("{\"entries\":[]}")) {
      return "none";
    }
    String action = lessons.replaceAll(".*\"action\":\"([^\"]*)\".*\"audience\":\"(\\w+)\".*", "$2: $1");
    return action.replaceAll("\\d", "N");
  }
}
