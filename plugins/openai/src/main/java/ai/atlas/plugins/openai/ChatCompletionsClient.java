package ai.atlas.plugins.openai;

import ai.atlas.plugins.support.RetryingHttp;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.PluginException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Calls {@code POST <base-url>/chat/completions} through {@link RetryingHttp} (429, 5xx and
 * time-outs retried with back-off and {@code Retry-After}). A stream is retried only until its
 * answer starts.
 */
final class ChatCompletionsClient {

  private final OpenAiSettings settings;
  private final RetryingHttp http;

  ChatCompletionsClient(OpenAiSettings settings, RetryingHttp.Sleeper sleeper) {
    this.settings = settings;
    this.http = new RetryingHttp(URI.create(settings.baseUrl() + "/chat/completions"), settings.timeout(),
        settings.maxRetries(), settings.firstBackoff(), sleeper);
  }

  ChatResponse complete(ChatRequest request) {
    String body = ChatCompletionsJson.request(settings, request, false);
    HttpResponse<String> response =
        http.send(post(body), HttpResponse.BodyHandlers.ofString(), r -> ChatCompletionsJson.errorMessage(r.body()));
    return ChatCompletionsJson.response(response.body());
  }

  ChatResponse stream(ChatRequest request, Consumer<String> onText) {
    String body = ChatCompletionsJson.request(settings, request, true);
    HttpResponse<Stream<String>> response = http.send(post(body), HttpResponse.BodyHandlers.ofLines(),
        r -> ChatCompletionsJson.errorMessage(r.body().collect(Collectors.joining("\n"))));
    StreamAccumulator accumulator = new StreamAccumulator(onText);
    try (Stream<String> lines = response.body()) {
      Iterator<String> it = lines.iterator();
      while (it.hasNext() && !accumulator.done()) {
        accumulator.line(it.next());
      }
    } catch (java.io.UncheckedIOException e) {
      throw new PluginException("the stream from " + settings.baseUrl() + " broke off: " + e.getCause().getMessage(), true, e);
    }
    return accumulator.response();
  }

  private HttpRequest post(String body) {
    HttpRequest.Builder request = http.request()
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    settings.apiKey().ifPresent(key -> request.header(settings.apiKeyHeader(), settings.keyHeaderValue(key)));
    settings.headers().forEach(request::header);
    return request.build();
  }
}
