package ai.atlas.web.interfaces.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The gateway's calls as the OpenTelemetry GenAI server metrics: {@code gen_ai.server.request.duration}
 * and {@code gen_ai.server.time_to_first_token} (timers, seconds), with {@code gen_ai_operation_name}
 * {@code chat}, {@code gen_ai_provider_name} {@code atlas} and {@code gen_ai_request_model} the profile.
 * The supervised answer exists only when the session ends, so the first token is sent then.
 */
@ApplicationScoped
public class GatewayMetrics {

  static final Metadata REQUEST = Metadata.builder().withName("gen_ai.server.request.duration")
      .withDescription("GenAI server request duration").withUnit(MetricUnits.SECONDS).build();
  static final Metadata FIRST_TOKEN = Metadata.builder().withName("gen_ai.server.time_to_first_token")
      .withDescription("Time to generate the first token").withUnit(MetricUnits.SECONDS).build();

  @Inject MetricRegistry registry;

  void served(String model, ChatCompletion completion, Duration elapsed) {
    Tag[] tags = {new Tag("gen_ai_operation_name", "chat"), new Tag("gen_ai_provider_name", "atlas"),
        new Tag("gen_ai_request_model", model)};
    registry.timer(REQUEST, tags).update(elapsed);
    registry.timer(FIRST_TOKEN, tags).update(elapsed);
  }
}
