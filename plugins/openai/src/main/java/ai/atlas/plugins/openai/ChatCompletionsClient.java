package ai.atlas.plugins.openai;

import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.PluginException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Calls {@code POST <base-url>/chat/completions}. Answers 429 and 5xx, connection failures and
 * time-outs are retried up to {@code max-retries} times with exponential back-off, waiting what
 * {@code Retry-After} asks for when the server says; other 4xx answers fail at once with the
 * server's own error message. A stream is retried only until its first byte arrives.
 */
final class ChatCompletionsClient {

  /** Pauses between attempts; tests replace it to run without waiting. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private final OpenAiSettings settings;
  private final HttpClient http;
  private final Sleeper sleeper;

  ChatCompletionsClient(OpenAiSettings settings, Sleeper sleeper) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(Math.min(30, settings.timeout().toSeconds()))).build();
  }

  ChatResponse complete(ChatRequest request) {
    String body = ChatCompletionsJson.request(settings, request, false);
    HttpResponse<String> response = withRetries(() -> http.send(post(body), HttpResponse.BodyHandlers.ofString()), r -> r.body());
    return ChatCompletionsJson.response(response.body());
  }

  ChatResponse stream(ChatRequest request, Consumer<String> onText) {
    String body = ChatCompletionsJson.request(settings, request, true);
    HttpResponse<Stream<String>> response =
        withRetries(() -> http.send(post(body), HttpResponse.BodyHandlers.ofLines()), r -> r.body().collect(Collectors.joining("\n")));
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
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/chat/completions"))
        .timeout(settings.timeout())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
    return request.build();
  }

  private interface Call<T> {
    HttpResponse<T> send() throws IOException, InterruptedException;
  }

  private <T> HttpResponse<T> withRetries(Call<T> call, java.util.function.Function<HttpResponse<T>, String> errorBody) {
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt >= settings.maxRetries();
      Duration wait = backoff(attempt);
      try {
        HttpResponse<T> response = call.send();
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return response;
        }
        String message = ChatCompletionsJson.errorMessage(errorBody.apply(response));
        boolean retryable = status == 429 || status >= 500;
        if (!retryable || last) {
          throw new PluginException(settings.baseUrl() + " answered " + status + ": " + message
              + (retryable ? " (after " + (attempt + 1) + " attempts)" : ""), retryable, null);
        }
        wait = retryAfter(response).orElse(wait);
      } catch (HttpTimeoutException e) {
        if (last) {
          throw new PluginException(settings.baseUrl() + " did not answer within " + settings.timeout().toSeconds()
              + " s (after " + (attempt + 1) + " attempts)", true, e);
        }
      } catch (IOException e) {
        if (last) {
          throw new PluginException("cannot reach " + settings.baseUrl() + ": " + e + " (after " + (attempt + 1) + " attempts)", true, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PluginException("interrupted while calling " + settings.baseUrl(), true, e);
      }
      try {
        sleeper.sleep(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PluginException("interrupted while waiting to retry " + settings.baseUrl(), true, e);
      }
    }
  }

  private Duration backoff(int attempt) {
    return settings.firstBackoff().multipliedBy(1L << Math.min(attempt, 10));
  }

  /** {@code Retry-After} in seconds or as an HTTP date. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(value -> {
      try {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
      } catch (NumberFormatException e) {
        try {
          Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
          return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException notADate) {
          return Optional.empty();
        }
      }
    });
  }
}
