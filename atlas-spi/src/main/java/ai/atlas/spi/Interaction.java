package ai.atlas.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a judge scores: a task, the answer given, the steps taken, and, where known, a reference
 * answer (for verifiable judges).
 */
public record Interaction(String task, String answer, List<AgentStep> steps, String reference, Map<String, String> metadata) {

  public Interaction {
    Objects.requireNonNull(task, "task");
    answer = answer == null ? "" : answer;
    steps = steps == null ? List.of() : List.copyOf(steps);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public static Interaction of(String task, String answer, String reference) {
    return new Interaction(task, answer, List.of(), reference, Map.of());
  }
}
