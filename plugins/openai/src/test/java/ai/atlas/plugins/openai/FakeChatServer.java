package ai.atlas.plugins.openai;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in for a Chat Completions endpoint that replays scripted answers (status, headers,
 * body, an optional delay) in order and records what it was sent.
 */
final class FakeChatServer implements AutoCloseable {

  record Reply(int status, Map<String, String> headers, String body, long delayMillis) {}

  record Received(String authorization, String body, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  private final HttpServer server;
  private final Deque<Reply> replies = new ArrayDeque<>();
  final List<Received> received = new ArrayList<>();

  FakeChatServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Reply reply;
      synchronized (this) {
        received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), body, Map.copyOf(exchange.getRequestHeaders())));
        reply = replies.isEmpty() ? new Reply(500, Map.of(), "{\"error\":{\"message\":\"no reply scripted\"}}", 0) : replies.poll();
      }
      try {
        Thread.sleep(reply.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      } catch (IOException e) {
        // the client gave up (time-out tests)
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  FakeChatServer reply(int status, String body) {
    return reply(status, Map.of("Content-Type", "application/json"), body, 0);
  }

  synchronized FakeChatServer reply(int status, Map<String, String> headers, String body, long delayMillis) {
    replies.add(new Reply(status, headers, body, delayMillis));
    return this;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
