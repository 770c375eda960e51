package ai.atlas.plugins.judges;

import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatOptions;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.Interaction;
import ai.atlas.spi.Judge;
import ai.atlas.spi.JudgeFactory;
import ai.atlas.spi.Judgement;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import ai.atlas.spi.Principle;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A judge that asks a chat model to grade an interaction against a rubric and to answer as JSON:
 * weighted principles, a score in [0, 1], a rationale and an uncertainty in [0, 1]. Settings:
 * {@code model} (required: the name of a chat model of the profile), {@code rubric} (what a good
 * answer is; default: correct, complete and helpful), {@code temperature} (default 0.2).
 */
public final class RubricJudge implements Judge {

  static final String DEFAULT_RUBRIC = "A good answer is correct, complete and helpful for the task.";

  private final ChatModel model;
  private final String rubric;
  private final double temperature;

  RubricJudge(ChatModel model, String rubric, double temperature) {
    this.model = model;
    this.rubric = rubric;
    this.temperature = temperature;
  }

  @Override
  public Judgement judge(Interaction interaction) {
    String system = """
        You are a strict grader. Grade the answer to the task against this rubric:
        %s
        First write the principles you grade by, each with a weight in [0, 1]. Then answer with one JSON object:
        {"principles": [{"name": "...", "weight": 0.5, "description": "..."}], "score": <0..1>, "rationale": "...", "uncertainty": <0..1>}
        """.formatted(rubric);
    StringBuilder user = new StringBuilder("Task:\n").append(interaction.task()).append("\n\nAnswer:\n").append(interaction.answer());
    if (interaction.reference() != null) {
      user.append("\n\nReference answer:\n").append(interaction.reference());
    }
    var response = model.chat(new ChatRequest(List.of(ChatMessage.system(system), ChatMessage.user(user.toString())), List.of(),
        ChatOptions.DEFAULTS.withTemperature(temperature).withJsonResponse(true)));
    return parse(response.message().content());
  }

  static Judgement parse(String content) {
    JsonObject json;
    try (var reader = Json.createReader(new StringReader(extractObject(content)))) {
      json = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new PluginException("the grading model did not answer with a JSON object: " + shorten(content));
    }
    if (!(json.get("score") instanceof JsonNumber score)) {
      throw new PluginException("the grading model's answer has no numeric 'score': " + shorten(content));
    }
    double uncertainty = json.get("uncertainty") instanceof JsonNumber u ? u.doubleValue() : 0.5;
    List<Principle> principles = new ArrayList<>();
    if (json.get("principles") instanceof jakarta.json.JsonArray array) {
      for (JsonValue value : array) {
        if (value instanceof JsonObject p && p.get("weight") instanceof JsonNumber w) {
          principles.add(new Principle(p.getString("name", ""), clamp(w.doubleValue()), p.getString("description", "")));
        }
      }
    }
    return new Judgement(clamp(score.doubleValue()), json.getString("rationale", ""), clamp(uncertainty), principles);
  }

  /** Models sometimes wrap the object in prose or a code fence: take the outermost braces. */
  private static String extractObject(String content) {
    int start = content.indexOf('{');
    int end = content.lastIndexOf('}');
    return start >= 0 && end > start ? content.substring(start, end + 1) : content;
  }

  private static double clamp(double x) {
    return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
  }

  private static String shorten(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  public static final class Factory implements JudgeFactory {
    @Override
    public String type() {
      return "llm-rubric";
    }

    @Override
    public Judge create(PluginSettings settings) {
      String name = settings.require("model");
      ChatModel model = settings.chatModel(name)
          .orElseThrow(() -> new PluginException("the profile has no chat model named '" + name + "' for this judge"));
      return new RubricJudge(model, settings.get("rubric").orElse(DEFAULT_RUBRIC), settings.getDouble("temperature", 0.2));
    }
  }
}
