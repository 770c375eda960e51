package ai.atlas.cli;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The REST API as the command uses it: JSON in and out with the configured credentials; an error
 * answer becomes a {@link CliFailure} carrying the problem's {@code detail} and the exit code of
 * its status; a server that does not answer becomes one that says so.
 */
public final class AtlasClient {

  private final URI base;
  private final String authorization;
  private final HttpClient http;

  public AtlasClient(CliConfig config) {
    String server = config.server();
    if (server == null || server.isBlank()) {
      throw new CliFailure(ExitCodes.USAGE, "no server: pass --server URL or run `atlas env init`");
    }
    this.base = URI.create(server.endsWith("/") ? server : server + "/");
    if (config.token() != null && !config.token().isBlank()) {
      authorization = "Bearer " + config.token();
    } else if (config.user() != null && config.password() != null) {
      authorization = "Basic " + Base64.getEncoder().encodeToString((config.user() + ":" + config.password())
          .getBytes(StandardCharsets.UTF_8));
    } else {
      authorization = null;
    }
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  public URI base() {
    return base;
  }

  public JsonValue get(String path) {
    return json(send(request(path).GET(), HttpResponse.BodyHandlers.ofString()));
  }

  public JsonValue post(String path, JsonStructure body) {
    return json(send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.toString())), HttpResponse.BodyHandlers.ofString()));
  }

  /** PUT a document (a profile's YAML) and answer the JSON reply. */
  public JsonValue put(String path, String body, String contentType) {
    return json(send(request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)),
        HttpResponse.BodyHandlers.ofString()));
  }

  /** A text body (a job log). */
  public String text(String path) {
    HttpResponse<String> response = send(request(path).header("Accept", "text/plain").GET(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 400) {
      throw failure(response.statusCode(), response.body());
    }
    return response.body();
  }

  /** DELETE; answers the JSON reply (null for 204). */
  public JsonValue delete(String path) {
    return json(send(request(path).DELETE(), HttpResponse.BodyHandlers.ofString()));
  }

  /** A response body as a stream, for what can be long (exports, event streams). */
  public InputStream stream(String path, String accept) {
    HttpResponse<InputStream> response = send(request(path).header("Accept", accept).GET(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() >= 400) {
      try (InputStream body = response.body()) {
        throw failure(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new CliFailure(ExitCodes.ofStatus(response.statusCode()), "the server answered " + response.statusCode());
      }
    }
    return response.body();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
        .timeout(Duration.ofMinutes(10));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request.build(), handler);
    } catch (ConnectException e) {
      throw new CliFailure(ExitCodes.UNREACHABLE, "cannot reach the server at " + base + ": is it running? (check --server)", e);
    } catch (HttpTimeoutException e) {
      throw new CliFailure(ExitCodes.UNREACHABLE, "the server at " + base + " did not answer in time", e);
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.UNREACHABLE, "cannot talk to the server at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.FAILED, "interrupted", e);
    }
  }

  private JsonValue json(HttpResponse<String> response) {
    if (response.statusCode() >= 400) {
      throw failure(response.statusCode(), response.body());
    }
    String body = response.body();
    if (body == null || body.isBlank()) {
      return JsonValue.NULL;
    }
    try {
      return Json.createReader(new StringReader(body)).readValue();
    } catch (JsonException e) {
      throw new CliFailure(ExitCodes.SERVER_ERROR, "the server's answer is not JSON: " + body.substring(0, Math.min(200, body.length())));
    }
  }

  /** The problem's detail, and what to do about the usual ones. */
  private CliFailure failure(int status, String body) {
    String detail = null;
    try {
      JsonValue value = Json.createReader(new StringReader(body)).readValue();
      if (value instanceof JsonObject problem) {
        detail = problem.getString("detail", problem.getString("title", null));
      }
    } catch (JsonException | IllegalStateException e) {
      // not a problem document: the status says enough
    }
    String hint = switch (status) {
      case 401 -> " (sign in: check --user/--password or --token, or run `atlas env init`)";
      case 403 -> " (your role does not allow this)";
      default -> "";
    };
    return new CliFailure(ExitCodes.ofStatus(status), (detail == null ? "the server answered " + status : detail) + hint);
  }
}
