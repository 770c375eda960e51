package ai.atlas.web.interfaces.gateway;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An error in the OpenAI API's shape, {@code {"error": {"message", "type", "param", "code"}}},
 * with the status OpenAI answers it with, so OpenAI clients raise their usual exceptions.
 */
final class OpenAiError extends RuntimeException {

  private final int status;
  private final String type;
  private final String param;
  private final String code;
  private final Duration retryAfter;

  private OpenAiError(int status, String type, String message, String param, String code, Duration retryAfter) {
    super(message);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  static OpenAiError invalid(String message, String param) {
    return new OpenAiError(400, "invalid_request_error", message, param, null, null);
  }

  static OpenAiError unauthorized(String message) {
    return new OpenAiError(401, "invalid_request_error", message, null, "invalid_api_key", null);
  }

  static OpenAiError forbidden(String message) {
    return new OpenAiError(403, "invalid_request_error", message, null, "insufficient_permissions", null);
  }

  static OpenAiError notFound(String message, String param, String code) {
    return new OpenAiError(404, "invalid_request_error", message, param, code, null);
  }

  static OpenAiError methodNotAllowed(String message) {
    return new OpenAiError(405, "invalid_request_error", message, null, null, null);
  }

  static OpenAiError tooLarge(String message) {
    return new OpenAiError(413, "invalid_request_error", message, null, "request_too_large", null);
  }

  static OpenAiError rateLimited(String message, Duration retryAfter) {
    return new OpenAiError(429, "requests", message, null, "rate_limit_exceeded", retryAfter);
  }

  static OpenAiError timeout(String message) {
    return new OpenAiError(504, "timeout", message, null, "timeout", null);
  }

  static OpenAiError server(String message) {
    return new OpenAiError(500, "server_error", message, null, null, null);
  }

  int status() {
    return status;
  }

  String body() {
    JsonObjectBuilder error = Json.createObjectBuilder().add("message", getMessage()).add("type", type);
    if (param == null) {
      error.addNull("param");
    } else {
      error.add("param", param);
    }
    if (code == null) {
      error.addNull("code");
    } else {
      error.add("code", code);
    }
    return Json.createObjectBuilder().add("error", error).build().toString();
  }

  void write(HttpServletResponse response) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (retryAfter != null) {
      response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
    }
    response.getWriter().write(body());
    response.flushBuffer();
  }
}
