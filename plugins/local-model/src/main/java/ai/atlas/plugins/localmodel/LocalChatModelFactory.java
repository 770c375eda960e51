package ai.atlas.plugins.localmodel;

import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatModelFactory;
import ai.atlas.spi.PluginSettings;

/** {@code chat-model:local}: a checkpoint folder as a chat model. */
public final class LocalChatModelFactory implements ChatModelFactory {

  @Override
  public String type() {
    return "local";
  }

  @Override
  public ChatModel create(PluginSettings settings) {
    return new LocalChatModel(LocalSettings.model(settings), LocalSettings.sampling(settings));
  }
}
