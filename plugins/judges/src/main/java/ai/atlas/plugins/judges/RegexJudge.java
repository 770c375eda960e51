package ai.atlas.plugins.judges;

import ai.atlas.spi.Interaction;
import ai.atlas.spi.Judge;
import ai.atlas.spi.JudgeFactory;
import ai.atlas.spi.Judgement;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * 1 when the answer matches a regular expression, else 0. Settings: {@code pattern} (required),
 * {@code full-match} (default false: the pattern may match a part of the answer).
 */
public final class RegexJudge implements Judge {

  private final Pattern pattern;
  private final boolean fullMatch;

  RegexJudge(Pattern pattern, boolean fullMatch) {
    this.pattern = pattern;
    this.fullMatch = fullMatch;
  }

  @Override
  public Judgement judge(Interaction interaction) {
    var m = pattern.matcher(interaction.answer());
    boolean matched = fullMatch ? m.matches() : m.find();
    return Judgement.certain(matched ? 1 : 0, (matched ? "matches " : "does not match ") + pattern.pattern());
  }

  public static final class Factory implements JudgeFactory {
    @Override
    public String type() {
      return "regex";
    }

    @Override
    public Judge create(PluginSettings settings) {
      String pattern = settings.require("pattern");
      try {
        return new RegexJudge(Pattern.compile(pattern), Settings.flag(settings, "full-match", false));
      } catch (PatternSyntaxException e) {
        throw new PluginException("the setting 'pattern' is not a regular expression: " + e.getDescription());
      }
    }
  }
}
