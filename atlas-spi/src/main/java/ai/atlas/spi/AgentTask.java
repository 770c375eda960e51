package ai.atlas.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task for the team's agent.
 *
 * @param task what to do, in the user's words
 * @param guidance the teacher's guidance for this attempt, or {@code null}
 * @param playbook learned hints for tasks like this one (may be empty)
 * @param metadata free key/value context (tenant, tags, ...)
 */
public record AgentTask(String task, String guidance, List<String> playbook, Map<String, String> metadata) {

  public AgentTask {
    Objects.requireNonNull(task, "task");
    playbook = playbook == null ? List.of() : List.copyOf(playbook);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public static AgentTask of(String task) {
    return new AgentTask(task, null, List.of(), Map.of());
  }

  public AgentTask withGuidance(String value) {
    return new AgentTask(task, value, playbook, metadata);
  }
}
