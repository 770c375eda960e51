package ai.atlas.plugins.judges;

import ai.atlas.spi.Interaction;
import ai.atlas.spi.Judge;
import ai.atlas.spi.JudgeFactory;
import ai.atlas.spi.Judgement;
import ai.atlas.spi.PluginSettings;
import java.util.Locale;

/**
 * 1 when the answer equals the reference, else 0. Settings: {@code ignore-case} (default true),
 * {@code trim} (default true: leading/trailing white space and runs of white space do not count).
 */
public final class ExactMatchJudge implements Judge {

  private final boolean ignoreCase;
  private final boolean normaliseSpace;

  ExactMatchJudge(boolean ignoreCase, boolean normaliseSpace) {
    this.ignoreCase = ignoreCase;
    this.normaliseSpace = normaliseSpace;
  }

  @Override
  public Judgement judge(Interaction interaction) {
    String reference = References.required(interaction);
    boolean same = normalise(interaction.answer()).equals(normalise(reference));
    return Judgement.certain(same ? 1 : 0, same ? "the answer matches the reference" : "the answer differs from the reference");
  }

  private String normalise(String text) {
    String s = normaliseSpace ? text.strip().replaceAll("\\s+", " ") : text;
    return ignoreCase ? s.toLowerCase(Locale.ROOT) : s;
  }

  public static final class Factory implements JudgeFactory {
    @Override
    public String type() {
      return "exact";
    }

    @Override
    public Judge create(PluginSettings settings) {
      return new ExactMatchJudge(Settings.flag(settings, "ignore-case", true), Settings.flag(settings, "trim", true));
    }
  }
}
