package ai.atlas.spi;

import java.util.Objects;

/**
 * A call of a tool by a model or an agent.
 *
 * @param id the call's id, which the tool's answer refers to
 * @param name the tool called
 * @param arguments the arguments, as JSON text
 * @param result what the tool answered, when the caller knows (an agent reports it; a model's
 *     request for a call has none yet)
 * @param succeeded whether the tool call worked, when the caller knows; the reward system reads
 *     it as an implicit signal
 */
public record ToolCall(String id, String name, String arguments, String result, Boolean succeeded) {

  public ToolCall {
    Objects.requireNonNull(name, "name");
    arguments = arguments == null ? "{}" : arguments;
  }

  /** A requested call whose outcome is not known yet. */
  public ToolCall(String id, String name, String arguments) {
    this(id, name, arguments, null, null);
  }
}
