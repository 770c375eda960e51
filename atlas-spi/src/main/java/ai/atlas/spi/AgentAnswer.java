package ai.atlas.spi;

import java.util.List;
import java.util.Map;

/**
 * What the agent answered.
 *
 * @param answer the final answer
 * @param steps the steps it took, in order (may be empty)
 * @param toolCalls tool calls it made outside any step (may be empty)
 * @param usage the tokens it used, when it knows
 * @param artifacts named outputs besides the answer (file paths, URLs, JSON documents)
 */
public record AgentAnswer(
    String answer, List<AgentStep> steps, List<ToolCall> toolCalls, TokenUsage usage, Map<String, String> artifacts) {

  public AgentAnswer {
    answer = answer == null ? "" : answer;
    steps = steps == null ? List.of() : List.copyOf(steps);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = usage == null ? TokenUsage.ZERO : usage;
    artifacts = artifacts == null ? Map.of() : Map.copyOf(artifacts);
  }

  public static AgentAnswer of(String answer) {
    return new AgentAnswer(answer, List.of(), List.of(), TokenUsage.ZERO, Map.of());
  }
}
