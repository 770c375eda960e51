package ai.atlas.plugins.judges;

import ai.atlas.spi.Interaction;
import ai.atlas.spi.Judge;
import ai.atlas.spi.JudgeFactory;
import ai.atlas.spi.Judgement;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 1 when the last number in the answer is within tolerance of the reference number, else 0.
 * Settings: {@code absolute-tolerance} (default 1e-6), {@code relative-tolerance} (default 0);
 * within either is a match. Thousands separators ("1,234") are read as one number.
 */
public final class NumericJudge implements Judge {

  private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");

  private final double absolute;
  private final double relative;

  NumericJudge(double absolute, double relative) {
    this.absolute = absolute;
    this.relative = relative;
  }

  @Override
  public Judgement judge(Interaction interaction) {
    double expected = lastNumber(References.required(interaction))
        .orElseThrow(() -> new PluginException("the reference '" + interaction.reference() + "' holds no number"));
    Optional<Double> given = lastNumber(interaction.answer());
    if (given.isEmpty()) {
      return Judgement.certain(0, "the answer holds no number");
    }
    double error = Math.abs(given.get() - expected);
    boolean close = error <= absolute || error <= relative * Math.abs(expected);
    return Judgement.certain(close ? 1 : 0, "answer " + given.get() + ", reference " + expected + ", error " + error);
  }

  static Optional<Double> lastNumber(String text) {
    Matcher m = NUMBER.matcher(text);
    String last = null;
    while (m.find()) {
      last = m.group();
    }
    return last == null ? Optional.empty() : Optional.of(Double.parseDouble(last.replace(",", "")));
  }

  public static final class Factory implements JudgeFactory {
    @Override
    public String type() {
      return "numeric";
    }

    @Override
    public Judge create(PluginSettings settings) {
      double absolute = settings.getDouble("absolute-tolerance", 1e-6);
      double relative = settings.getDouble("relative-tolerance", 0);
      if (absolute < 0 || relative < 0) {
        throw new PluginException("tolerances cannot be negative");
      }
      return new NumericJudge(absolute, relative);
    }
  }
}
