package ai.atlas.tools.demo;

import ai.atlas.model.tasks.LetterTasks;
import java.util.List;

/**
 * What one configuration scores on a set of held-out tasks: accuracy, lift over the student's
 * own first answers, the non-degradation rate (the share of tasks the student had right alone
 * that stay right with guidance) and the tokens a task costs across every call. With a teacher it
 * also says why: how many replies spelled exactly the guidance an ideal teacher writes, and how
 * many of the student's right first answers the teacher judged valid (kept without a retry).
 */
public record TeachingTable(int tasks, double accuracy, double aloneAccuracy, double nonDegradation, double tokensPerTask,
    int improved, int degraded, int rightAlone, int exactGuidance, int judgedValidRight) {

  public double lift() {
    return accuracy - aloneAccuracy;
  }

  public static TeachingTable of(List<TeachingPair.Outcome> outcomes) {
    int right = 0;
    int firstRight = 0;
    int kept = 0;
    int improved = 0;
    long tokens = 0;
    int exact = 0;
    int validRight = 0;
    for (TeachingPair.Outcome o : outcomes) {
      if (o.verdict() != null) {
        exact += !o.verdict().valid() && o.verdict().guidance().equals(o.task().spelledToPlace()) ? 1 : 0;
        validRight += o.verdict().valid() && o.firstRight() ? 1 : 0;
      }
      right += o.finalRight() ? 1 : 0;
      if (o.firstRight()) {
        firstRight++;
        kept += o.finalRight() ? 1 : 0;
      } else if (o.finalRight()) {
        improved++;
      }
      tokens += o.tokens();
    }
    int n = Math.max(1, outcomes.size());
    return new TeachingTable(outcomes.size(), right / (double) n, firstRight / (double) n,
        firstRight == 0 ? 1.0 : kept / (double) firstRight, tokens / (double) n, improved, firstRight - kept, firstRight,
        exact, validRight);
  }

  /** Every held-out task through the pair. */
  public static TeachingTable measure(TeachingPair pair, List<LetterTasks.Task> tasks) {
    return of(tasks.stream().map(pair::run).toList());
  }
}
