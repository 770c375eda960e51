package ai.atlas.plugins.support;

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
import java.util.Optional;
import java.util.function.Function;

/**
 * HTTP calls with retries: answers 429 and 5xx, connection failures and time-outs are retried up
 * to {@code maxRetries} times with exponential back-off from {@code firstBackoff}, waiting what
 * {@code Retry-After} asks for when the server says (at most a minute); other 4xx answers fail at
 * once with the server's message. Failures are {@link PluginException}s that name the endpoint.
 */
public final class RetryingHttp {

  /** Pauses between attempts; tests pass one that records instead of waiting. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private final URI endpoint;
  private final Duration timeout;
  private final int maxRetries;
  private final Duration firstBackoff;
  private final Sleeper sleeper;
  private final HttpClient http;

  public RetryingHttp(URI endpoint, Duration timeout, int maxRetries, Duration firstBackoff, Sleeper sleeper) {
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.maxRetries = maxRetries;
    this.firstBackoff = firstBackoff;
    this.sleeper = sleeper;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(Math.min(30, timeout.toSeconds()))).build();
  }

  /** A request to the endpoint with the time-out set. */
  public HttpRequest.Builder request() {
    return HttpRequest.newBuilder(endpoint).timeout(timeout);
  }

  public Duration timeout() {
    return timeout;
  }

  /**
   * Sends until a 2xx answer comes or retries run out.
   *
   * @param errorMessage turns an error answer's body into the server's message
   */
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler,
      Function<HttpResponse<T>, String> errorMessage) {
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt >= maxRetries;
      Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempt, 10));
      try {
        HttpResponse<T> response = http.send(request, handler);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return response;
        }
        boolean retryable = status == 429 || status >= 500;
        if (!retryable || last) {
          throw new PluginException(endpoint + " answered " + status + ": " + errorMessage.apply(response)
              + (retryable ? " (after " + (attempt + 1) + " attempts)" : ""), retryable, null);
        }
        wait = retryAfter(response).orElse(wait);
      } catch (HttpTimeoutException e) {
        if (last) {
          throw new PluginException(endpoint + " did not answer within " + timeout.toSeconds() + " s (after " + (attempt + 1) + " attempts)", true, e);
        }
      } catch (IOException e) {
        if (last) {
          throw new PluginException("cannot reach " + endpoint + ": " + e + " (after " + (attempt + 1) + " attempts)", true, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PluginException("interrupted while calling " + endpoint, true, e);
      }
      try {
        sleeper.sleep(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PluginException("interrupted while waiting to retry " + endpoint, true, e);
      }
    }
  }

  /** {@code Retry-After} in seconds or as an HTTP date. */
  public static Optional<Duration> retryAfter(HttpResponse<?> response) {
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
