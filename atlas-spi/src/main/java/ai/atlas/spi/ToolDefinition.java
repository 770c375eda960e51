package ai.atlas.spi;

import java.util.Objects;

/**
 * A tool a model may call.
 *
 * @param name the tool's name, as the model will call it
 * @param description what the tool does, for the model
 * @param parametersSchema the JSON Schema of the tool's arguments, as JSON text
 */
public record ToolDefinition(String name, String description, String parametersSchema) {

  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    parametersSchema = parametersSchema == null ? "{\"type\":\"object\"}" : parametersSchema;
  }
}
