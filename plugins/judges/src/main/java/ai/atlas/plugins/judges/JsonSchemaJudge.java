package ai.atlas.plugins.judges;

import ai.atlas.spi.Interaction;
import ai.atlas.spi.Judge;
import ai.atlas.spi.JudgeFactory;
import ai.atlas.spi.Judgement;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;

/** 1 when the answer is JSON that satisfies the {@code schema} setting (a JSON Schema), else 0 with the violations. */
public final class JsonSchemaJudge implements Judge {

  private final JsonObject schema;

  JsonSchemaJudge(JsonObject schema) {
    this.schema = schema;
  }

  @Override
  public Judgement judge(Interaction interaction) {
    JsonValue answer;
    try (var reader = Json.createReader(new StringReader(interaction.answer()))) {
      answer = reader.readValue();
    } catch (JsonException e) {
      return Judgement.certain(0, "the answer is not JSON: " + e.getMessage());
    }
    List<String> errors = JsonSchemaValidator.validate(schema, answer);
    return errors.isEmpty()
        ? Judgement.certain(1, "the answer satisfies the schema")
        : Judgement.certain(0, String.join("; ", errors.subList(0, Math.min(5, errors.size()))));
  }

  public static final class Factory implements JudgeFactory {
    @Override
    public String type() {
      return "json-schema";
    }

    @Override
    public Judge create(PluginSettings settings) {
      try (var reader = Json.createReader(new StringReader(settings.require("schema")))) {
        return new JsonSchemaJudge(reader.readObject());
      } catch (JsonException | IllegalStateException e) {
        throw new PluginException("the setting 'schema' is not a JSON object: " + e.getMessage());
      }
    }
  }
}
