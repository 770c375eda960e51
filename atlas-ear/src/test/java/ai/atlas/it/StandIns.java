package ai.atlas.it;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Local stand-ins for the services a session calls: answers in the shape those services give. */
final class StandIns {

  private StandIns() {}

  /** A JSON answer with status 200. */
  static void respond(HttpExchange exchange, String json) throws IOException {
    byte[] reply = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, reply.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply);
    }
  }

  /** A Chat Completions answer whose assistant message is {@code content}. */
  static void chatCompletion(HttpExchange exchange, String content, int promptTokens, int completionTokens) throws IOException {
    respond(exchange, Json.createObjectBuilder().add("id", "c").add("object", "chat.completion").add("created", 1).add("model", "stand-in")
        .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder().add("index", 0)
            .add("message", Json.createObjectBuilder().add("role", "assistant").add("content", content)).add("finish_reason", "stop")))
        .add("usage", Json.createObjectBuilder().add("prompt_tokens", promptTokens).add("completion_tokens", completionTokens)
            .add("total_tokens", promptTokens + completionTokens))
        .build().toString());
  }
}
