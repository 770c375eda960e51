package ai.atlas.core.plugins;

import ai.atlas.spi.TokenUsage;
import java.time.Duration;

/**
 * Told of every call a plugin's chat model or agent adapter answers or fails, for the server's
 * OpenTelemetry GenAI metrics ({@code gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage}).
 */
public interface ModelCallObserver {

  ModelCallObserver NONE = (call, duration, usage, failed) -> {};

  /** Who was called: the GenAI operation ({@code chat}, {@code invoke_agent}), the plugin type as the provider, the model named in its settings. */
  record Call(String operation, String provider, String model) {}

  void called(Call call, Duration duration, TokenUsage usage, boolean failed);
}
