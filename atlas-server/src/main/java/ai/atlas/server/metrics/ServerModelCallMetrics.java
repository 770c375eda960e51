package ai.atlas.server.metrics;

import ai.atlas.core.plugins.ModelCallObserver;
import ai.atlas.spi.TokenUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Every plugin model and agent call as the OpenTelemetry GenAI client metrics:
 * {@code gen_ai.client.operation.duration} (a timer, seconds; {@code error_type} on failed calls)
 * and {@code gen_ai.client.token.usage} (a histogram of tokens per call, {@code gen_ai_token_type}
 * input or output), with {@code gen_ai_operation_name}, {@code gen_ai_provider_name} (the plugin
 * type) and {@code gen_ai_request_model}. MicroProfile tag names cannot hold dots, so the
 * attributes' dots are underscores, as Prometheus exporters write them anyway.
 */
@ApplicationScoped
public class ServerModelCallMetrics implements ModelCallObserver {

  static final Metadata DURATION = Metadata.builder().withName("gen_ai.client.operation.duration")
      .withDescription("GenAI operation duration").withUnit(MetricUnits.SECONDS).build();
  static final Metadata TOKENS = Metadata.builder().withName("gen_ai.client.token.usage")
      .withDescription("Number of input and output tokens used").build();

  @Inject MetricRegistry registry;

  @Override
  public void called(Call call, Duration duration, TokenUsage usage, boolean failed) {
    List<Tag> tags = new ArrayList<>(List.of(new Tag("gen_ai_operation_name", call.operation()),
        new Tag("gen_ai_provider_name", call.provider()), new Tag("gen_ai_request_model", call.model())));
    if (failed) {
      registry.timer(DURATION, with(tags, new Tag("error_type", "plugin_error"))).update(duration);
      return;
    }
    registry.timer(DURATION, tags.toArray(Tag[]::new)).update(duration);
    registry.histogram(TOKENS, with(tags, new Tag("gen_ai_token_type", "input"))).update(usage.promptTokens());
    registry.histogram(TOKENS, with(tags, new Tag("gen_ai_token_type", "output"))).update(usage.completionTokens());
  }

  private static Tag[] with(List<Tag> tags, Tag extra) {
    List<Tag> all = new ArrayList<>(tags);
    all.add(extra);
    return all.toArray(Tag[]::new);
  }
}
