package com.example.jsonjudge;

import ai.atlas.spi.Judge;
import ai.atlas.spi.JudgeFactory;
import ai.atlas.spi.Judgement;
import ai.atlas.spi.PluginSettings;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * Scores 1 when the answer is valid JSON, else 0. The rationale names the JSON provider that did
 * the parsing and the JAR it was loaded from: the copy bundled in this plugin's JAR, whatever the
 * server itself uses.
 */
public final class JsonJudgeFactory implements JudgeFactory {

  @Override
  public String type() {
    return "json-valid";
  }

  @Override
  public Judge create(PluginSettings settings) {
    String library = "parsson from " + origin(JsonProvider.provider().getClass());
    return interaction -> {
      try (var reader = Json.createReader(new StringReader(interaction.answer()))) {
        reader.readValue();
        return Judgement.certain(1, "valid JSON (" + library + ", provider " + JsonProvider.provider().getClass().getName() + ")");
      } catch (JsonException e) {
        return Judgement.certain(0, "not JSON: " + e.getMessage() + " (" + library + ")");
      }
    };
  }

  private static String origin(Class<?> type) {
    var source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "an unknown place";
    }
    String path = source.getLocation().getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
