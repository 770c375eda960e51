package ai.atlas.spi;

import java.util.List;

/** One step the agent took: what it did, what came out, and the tools it called on the way. */
public record AgentStep(String description, String output, List<ToolCall> toolCalls) {

  public AgentStep {
    description = description == null ? "" : description;
    output = output == null ? "" : output;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }
}
