package ai.atlas.core.gepa;

import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reflection model as a chat model: the {@code gepa.reflection} template (a profile may
 * override it) shows the current text and the minibatch's outcomes; the reply's text between
 * {@code ```} lines (else the whole reply) is the new template.
 */
public final class ChatReflector implements Reflector {

  private static final Pattern FENCED = Pattern.compile("```[a-zA-Z]*\\n(.*?)\\n?```", Pattern.DOTALL);

  private final ChatModel model;
  private final PromptTemplates.Template template;

  public ChatReflector(ChatModel model, PromptTemplates prompts) {
    this.model = model;
    this.template = prompts.get(PromptTemplates.GEPA_REFLECTION);
  }

  @Override
  public String rewrite(String name, String current, List<GepaEvaluator.Outcome> outcomes) {
    StringBuilder examples = new StringBuilder();
    for (int i = 0; i < outcomes.size(); i++) {
      GepaEvaluator.Outcome o = outcomes.get(i);
      examples.append(String.format(Locale.ROOT, "%d. Task: %s%n   Answer: %s%n   Score: %.2f%n   Feedback: %s%n", i + 1, o.task(),
          o.answer(), o.score(), o.feedback() == null || o.feedback().isBlank() ? "(none)" : o.feedback()));
    }
    String prompt = template.render(Map.of("template", name, "examples", examples.toString().strip(), "current", current));
    String reply = model.chat(ChatRequest.of(List.of(ChatMessage.user(prompt)))).message().content();
    return parse(reply);
  }

  /** The text between the first pair of ``` lines, else the whole reply, trimmed. */
  static String parse(String reply) {
    if (reply == null) {
      return null;
    }
    Matcher fenced = FENCED.matcher(reply);
    return (fenced.find() ? fenced.group(1) : reply).strip();
  }
}
