package ai.atlas.spi;

/**
 * Makes judges of one type; listed in {@code META-INF/services/ai.atlas.spi.JudgeFactory} and in
 * the descriptor as {@code judge:<type>}. Needs a public no-argument constructor.
 */
public interface JudgeFactory {

  String type();

  Judge create(PluginSettings settings);
}
