package ai.atlas.plugins.httpagent;

import ai.atlas.plugins.support.HeaderSettings;
import ai.atlas.plugins.support.RetryingHttp;
import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentAdapterFactory;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import java.net.URI;
import java.time.Duration;

/**
 * {@code agent-adapter:http}: a team's agent behind an HTTP JSON endpoint. Settings:
 * <ul>
 *   <li>{@code url} (required) and {@code method} (default POST);
 *   <li>{@code headers}: "Name: value" pairs, one per line or separated by |; a value
 *       {@code secret:NAME} is the server's secret of that name (an API key), never written here;
 *   <li>{@code template}: the request body, JSON with the placeholders {{task}}, {{guidance}},
 *       {{playbook}}, {{metadata}} and {{max_tokens}} (the profile's token cap for this call, or
 *       null), each replaced by a JSON value (default: an object with those five fields), and
 *       {{prompt}}: the task, playbook and guidance as one text, for agents that take only a prompt;
 *   <li>{@code answer-pointer} (default /answer) and {@code steps-pointer} (optional): JSON
 *       Pointers to the answer and to an array of steps ({description, output} objects or strings);
 *   <li>{@code timeout-seconds} (default 120), {@code max-retries} (default 2).
 * </ul>
 */
public final class HttpAgentFactory implements AgentAdapterFactory {

  static final String DEFAULT_TEMPLATE =
      "{\"task\": {{task}}, \"guidance\": {{guidance}}, \"playbook\": {{playbook}}, \"metadata\": {{metadata}}, \"max_tokens\": {{max_tokens}}}";

  @Override
  public String type() {
    return "http";
  }

  @Override
  public AgentAdapter create(PluginSettings settings) {
    return create(settings, d -> Thread.sleep(d.toMillis()));
  }

  static HttpAgent create(PluginSettings settings, RetryingHttp.Sleeper sleeper) {
    URI url;
    try {
      url = URI.create(settings.require("url"));
    } catch (IllegalArgumentException e) {
      throw new PluginException("the setting 'url' is not a URL: " + e.getMessage());
    }
    long timeout = settings.getLong("timeout-seconds", 120);
    long retries = settings.getLong("max-retries", 2);
    if (timeout < 1 || retries < 0) {
      throw new PluginException("'timeout-seconds' must be 1 or more and 'max-retries' 0 or more");
    }
    RetryingHttp http = new RetryingHttp(url, Duration.ofSeconds(timeout), (int) retries, Duration.ofMillis(500), sleeper);
    return new HttpAgent(http, settings.get("method").orElse("POST").toUpperCase(java.util.Locale.ROOT), HeaderSettings.from(settings),
        new PayloadTemplate(settings.get("template").orElse(DEFAULT_TEMPLATE)),
        settings.get("answer-pointer").orElse("/answer"), settings.get("steps-pointer").orElse(null));
  }
}
