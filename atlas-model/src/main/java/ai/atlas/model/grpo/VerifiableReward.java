package ai.atlas.model.grpo;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verifiable reward: 1 when a completion's answer matches the prompt's reference answer,
 * else 0. A numeric reference matches the completion's first number (so "7 apples" answers "7");
 * any other reference matches the completion's trimmed text, ignoring case.
 */
public final class VerifiableReward implements GrpoRewards {

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

  @Override
  public Scores score(GrpoPrompt prompt, List<String> completions) {
    double[] rewards = new double[completions.size()];
    for (int i = 0; i < rewards.length; i++) {
      rewards[i] = matches(completions.get(i), prompt.answer()) ? 1.0 : 0.0;
    }
    return Scores.of(rewards);
  }

  public static boolean matches(String completion, String reference) {
    if (reference == null || completion == null) {
      return false;
    }
    String expected = reference.strip();
    if (NUMBER.matcher(expected).matches()) {
      Matcher found = NUMBER.matcher(completion);
      return found.find() && Double.parseDouble(found.group()) == Double.parseDouble(expected);
    }
    return completion.strip().equalsIgnoreCase(expected);
  }
}
