package ai.atlas.core.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known about a task before it runs: a summary, the signals from its learning key's
 * history (how many sessions, their mean and latest reward, how many playbook hints apply) and
 * the risks those suggest. It is recorded with the session and given to the probe.
 */
public record TriageDossier(String summary, int pastSessions, Double meanReward, Double lastReward, int playbookHints,
    List<String> risks, List<Double> recentRewards) {

  private static final int SUMMARY_CHARS = 200;

  public static TriageDossier of(String task, List<Double> history, int playbookHints) {
    return of(task, history, playbookHints, 6);
  }

  /** With the last {@code evidenceLimit} rewards as the probe's evidence (atlas-sdk's probe.evidence_limit). */
  public static TriageDossier of(String task, List<Double> history, int playbookHints, int evidenceLimit) {
    String oneLine = task.strip().replaceAll("\\s+", " ");
    String summary = oneLine.length() <= SUMMARY_CHARS ? oneLine : oneLine.substring(0, SUMMARY_CHARS) + "…";
    Double mean = history.isEmpty() ? null : history.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    Double last = history.isEmpty() ? null : history.get(history.size() - 1);
    List<String> risks = new ArrayList<>();
    if (history.isEmpty()) {
      risks.add("no history for tasks like this one");
    } else if (mean < 0.5) {
      risks.add("tasks like this one scored low before (mean " + String.format(java.util.Locale.ROOT, "%.2f", mean) + ")");
    }
    if (last != null && mean != null && last < mean - 0.3) {
      risks.add("the latest task like this one scored well below the usual");
    }
    if (oneLine.length() > 4_000) {
      risks.add("a long task");
    }
    List<Double> recent = List.copyOf(history.subList(Math.max(0, history.size() - evidenceLimit), history.size()));
    return new TriageDossier(summary, history.size(), mean, last, playbookHints, List.copyOf(risks), recent);
  }

  /** As an event payload. */
  public Map<String, Object> toEvent() {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("summary", summary);
    event.put("past_sessions", pastSessions);
    event.put("mean_reward", meanReward);
    event.put("last_reward", lastReward);
    event.put("playbook_hints", playbookHints);
    event.put("risks", risks);
    event.put("recent_rewards", recentRewards);
    return event;
  }

  /** As text for a prompt. */
  public String toPrompt() {
    return "Summary: " + summary + "\nPast sessions: " + pastSessions
        + (meanReward == null ? "" : String.format(java.util.Locale.ROOT, ", mean reward %.2f", meanReward))
        + (recentRewards.isEmpty() ? "" : "\nRecent rewards, oldest first: " + recentRewards.stream()
            .map(r -> String.format(java.util.Locale.ROOT, "%.2f", r)).collect(java.util.stream.Collectors.joining(", ")))
        + "\nPlaybook hints: " + playbookHints + "\nRisks: " + (risks.isEmpty() ? "none known" : String.join("; ", risks));
  }
}
