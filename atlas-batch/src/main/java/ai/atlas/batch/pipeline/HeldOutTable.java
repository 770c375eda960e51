package ai.atlas.batch.pipeline;

import ai.atlas.core.runtime.RunResult;
import ai.atlas.model.grpo.VerifiableReward;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The teacher/student table of one teacher on held-out tasks: the student's accuracy alone (its
 * first attempt) and with the teacher (the paired lane's final answer), the lift, the
 * non-degradation rate (of the tasks the student had right alone, the share still right with the
 * teacher) and the tokens per task.
 */
final class HeldOutTable {

  private int tasks;
  private int aloneRight;
  private int withRight;
  private int keptRight;
  private long tokens;

  /** Adds one held-out task's run: its first attempt is the student alone. */
  void add(RunResult run, String reference) {
    String alone = run.steps().isEmpty() || run.steps().get(0).tries().isEmpty() ? null
        : run.steps().get(0).tries().get(0).output();
    boolean rightAlone = alone != null && VerifiableReward.matches(alone, reference);
    boolean rightWith = run.finalAnswer() != null && VerifiableReward.matches(run.finalAnswer(), reference);
    tasks++;
    aloneRight += rightAlone ? 1 : 0;
    withRight += rightWith ? 1 : 0;
    keptRight += rightAlone && rightWith ? 1 : 0;
    tokens += run.usage().promptTokens() + run.usage().completionTokens();
  }

  double aloneAccuracy() {
    return share(aloneRight, tasks);
  }

  double accuracy() {
    return share(withRight, tasks);
  }

  JsonObject toJson(String teacher) {
    JsonObjectBuilder row = Json.createObjectBuilder().add("teacher", teacher).add("tasks", tasks)
        .add("studentAlone", aloneAccuracy()).add("withTeacher", accuracy()).add("lift", accuracy() - aloneAccuracy())
        .add("rightAlone", aloneRight).add("tokensPerTask", tasks == 0 ? 0 : (double) tokens / tasks);
    if (aloneRight > 0) {
      row.add("nonDegradation", share(keptRight, aloneRight));
    } else {
      row.addNull("nonDegradation");
    }
    return row.build();
  }

  private static double share(int part, int whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
