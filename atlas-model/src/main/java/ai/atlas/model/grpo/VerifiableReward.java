package ai.atlas.model.grpo;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verifiable reward: 1 when a completion's answer matches the prompt's reference answer,
 * else 0. A numeric reference matches the completion's first number (so "7 apples" answers "7");
 * any other reference matches the completion's trimmed text, ignoring case. With
 * {@code partialCredit} above 0, a wrong number still earns {@code partialCredit · max(0, 1 -
 * |answer - reference| / max(1, |reference|))}: a denser signal for a policy that is rarely
 * right yet, which still ranks every exact answer above every near miss.
 */
public final class VerifiableReward implements GrpoRewards {

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

  private final double partialCredit;

  /** Exact answers only. */
  public VerifiableReward() {
    this(0);
  }

  public VerifiableReward(double partialCredit) {
    if (!(partialCredit >= 0 && partialCredit < 1)) {
      throw new IllegalArgumentException("the partial credit must be at least 0 and below 1");
    }
    this.partialCredit = partialCredit;
  }

  @Override
  public Scores score(GrpoPrompt prompt, List<String> completions) {
    double[] rewards = new double[completions.size()];
    for (int i = 0; i < rewards.length; i++) {
      rewards[i] = reward(completions.get(i), prompt.answer());
    }
    return Scores.of(rewards);
  }

  double reward(String completion, String reference) {
    if (matches(completion, reference)) {
      return 1.0;
    }
    if (partialCredit == 0 || reference == null || completion == null || !NUMBER.matcher(reference.strip()).matches()) {
      return 0.0;
    }
    Matcher found = NUMBER.matcher(completion);
    if (!found.find()) {
      return 0.0;
    }
    double expected = Double.parseDouble(reference.strip());
    double error = Math.abs(Double.parseDouble(found.group()) - expected) / Math.max(1, Math.abs(expected));
    return partialCredit * Math.max(0, 1 - error);
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
