package ai.atlas.spi;

/**
 * Makes agent adapters of one type; listed in
 * {@code META-INF/services/ai.atlas.spi.AgentAdapterFactory} and in the descriptor as
 * {@code agent-adapter:<type>}. Needs a public no-argument constructor.
 */
public interface AgentAdapterFactory {

  String type();

  AgentAdapter create(PluginSettings settings);
}
