package ai.atlas.plugins.judges;

import ai.atlas.spi.Interaction;
import ai.atlas.spi.PluginException;

/** The reference answer that comparing judges need. */
final class References {

  private References() {}

  static String required(Interaction interaction) {
    if (interaction.reference() == null) {
      throw new PluginException("this judge compares with a reference answer, and the interaction has none");
    }
    return interaction.reference();
  }
}
