package ai.atlas.core.gepa;

import java.util.Map;

/** Runs a task with a candidate's prompts through the runtime and the reward system: one metric call. */
@FunctionalInterface
public interface GepaEvaluator {

  /** What one run gave: its score, and the trace the reflection reads (the task, the answer, the judges' feedback). */
  record Outcome(double score, String task, String answer, String feedback) {}

  Outcome evaluate(Map<String, String> prompts, GepaTask task);
}
