package ai.atlas.spi;

import java.util.Objects;

/**
 * A call of a tool by a model.
 *
 * @param id the call's id, which the tool's answer refers to
 * @param name the tool called
 * @param arguments the arguments, as JSON text
 */
public record ToolCall(String id, String name, String arguments) {

  public ToolCall {
    Objects.requireNonNull(name, "name");
    arguments = arguments == null ? "{}" : arguments;
  }
}
