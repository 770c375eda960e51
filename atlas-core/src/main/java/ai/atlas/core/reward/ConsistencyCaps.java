package ai.atlas.core.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the rubric judges' scores consistent with each other: a process cannot be much better than
 * its result (process at most accuracy + 0.1), and an answer reached by a poor process is not very
 * helpful (helpfulness at most 0.5 when process is under 0.5). Each cap applied is noted.
 */
final class ConsistencyCaps {

  static final double PROCESS_MARGIN = 0.1;
  static final double POOR_PROCESS = 0.5;
  static final double HELPFULNESS_CAP = 0.5;

  private ConsistencyCaps() {}

  /** The judges with the caps applied, and a note for each cap, in order. */
  record Capped(List<JudgeResult> judges, List<String> notes) {}

  static Capped apply(List<JudgeResult> judges) {
    Double accuracy = score(judges, "accuracy");
    Double process = score(judges, "process");
    List<String> notes = new ArrayList<>();
    List<JudgeResult> out = new ArrayList<>();
    for (JudgeResult judge : judges) {
      JudgeResult result = judge;
      if (judge.name().equals("process") && judge.score() != null && accuracy != null && judge.score() > accuracy + PROCESS_MARGIN) {
        String note = String.format(Locale.ROOT, "process capped from %.3f to %.3f (accuracy %.3f + %.1f)",
            judge.score(), accuracy + PROCESS_MARGIN, accuracy, PROCESS_MARGIN);
        result = judge.withScore(accuracy + PROCESS_MARGIN, note);
        notes.add(note);
      }
      out.add(result);
    }
    Double cappedProcess = score(out, "process");
    for (int i = 0; i < out.size(); i++) {
      JudgeResult judge = out.get(i);
      if (judge.name().equals("helpfulness") && judge.score() != null && cappedProcess != null
          && cappedProcess < POOR_PROCESS && judge.score() > HELPFULNESS_CAP) {
        String note = String.format(Locale.ROOT, "helpfulness capped from %.3f to %.1f (process %.3f < %.1f)",
            judge.score(), HELPFULNESS_CAP, cappedProcess, POOR_PROCESS);
        out.set(i, judge.withScore(HELPFULNESS_CAP, note));
        notes.add(note);
      }
    }
    return new Capped(out, notes);
  }

  private static Double score(List<JudgeResult> judges, String name) {
    return judges.stream().filter(j -> j.name().equals(name) && j.score() != null).map(JudgeResult::score).findFirst().orElse(null);
  }
}
