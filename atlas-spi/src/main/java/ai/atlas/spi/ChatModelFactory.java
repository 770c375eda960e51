package ai.atlas.spi;

/**
 * Makes chat models of one type. A plugin lists its factories in
 * {@code META-INF/services/ai.atlas.spi.ChatModelFactory} and names them in its descriptor
 * ({@code provides=chat-model:<type>}). Needs a public no-argument constructor.
 */
public interface ChatModelFactory {

  /** The type name profiles use, e.g. "openai"; unique within the plugin. */
  String type();

  /** A model configured by these settings; a {@link PluginException} naming a bad setting otherwise. */
  ChatModel create(PluginSettings settings);
}
