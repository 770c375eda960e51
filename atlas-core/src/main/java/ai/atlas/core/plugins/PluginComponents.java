package ai.atlas.core.plugins;

import ai.atlas.core.application.secrets.Secrets;

/**
 * Where core services get plugin components: the server's {@link PluginRegistry}. Implemented by
 * the configured plugins bean of the application.
 */
public interface PluginComponents {

  PluginRegistry registry();

  /** The secrets plugins may read by name (environment and the configured secrets folder). */
  Secrets secrets();
}
