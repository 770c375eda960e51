package ai.atlas.liberty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.wsspi.http.HttpCookie;
import com.ibm.wsspi.http.HttpInboundConnection;
import com.ibm.wsspi.http.HttpInputStream;
import com.ibm.wsspi.http.HttpOutputStream;
import com.ibm.wsspi.http.HttpRequest;
import com.ibm.wsspi.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The classifier against a recording connection and response (the test's doubles of Liberty's). */
class RefusedPathClassifierTest {

  private final RefusedPathClassifier classifier = new RefusedPathClassifier();

  @Test
  void aPathTheWebContainerServesIsLeftToIt() {
    Connection connection = new Connection();
    assertThat(classifier.classify(request("/api/sessions/42"), connection.proxy())).isNull();
    assertThat(connection.calls).isEmpty();
  }

  @Test
  void aRefusedPathIsAnsweredWithAProblemInsteadOfTheWebContainersHandler() {
    Connection connection = new Connection();
    Executor executor = classifier.classify(request("/api/sessions/%00"), connection.proxy());
    assertThat(executor).isNotNull();
    assertThat(connection.calls).as("nothing is written before the dispatcher hands over the handler").isEmpty();

    List<String> ran = new ArrayList<>();
    executor.execute(() -> ran.add("the web container's handler"));

    assertThat(ran).isEmpty();
    assertThat(connection.status).isEqualTo(400);
    assertThat(connection.headers).containsEntry("Content-Type", "application/problem+json").containsEntry("Connection", "close");
    String body = connection.body.toString(StandardCharsets.UTF_8);
    assertThat(body).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
        + "\"detail\":\"the request path has a control character (%00)\"}");
    assertThat(connection.headers).containsEntry("Content-Length", String.valueOf(body.length()));
    assertThat(connection.calls).endsWith("close", "finish(null)");
  }

  @Test
  void quotesInADetailAreEscaped() {
    assertThat(ProblemAnswer.problem(400, "Bad Request", "a \"quoted\" \\ word"))
        .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"a \\\"quoted\\\" \\\\ word\"}");
  }

  /** Hand-written rather than a java.lang.reflect.Proxy: a proxy would initialize HttpCookie, which needs Liberty's tracing. */
  private static HttpRequest request(String uri) {
    return new HttpRequest() {
      @Override public String getURI() { return uri; }
      @Override public String getMethod() { return "GET"; }
      @Override public String getURL() { throw new UnsupportedOperationException(); }
      @Override public String getVersion() { return "HTTP/1.1"; }
      @Override public String getScheme() { return "http"; }
      @Override public String getQuery() { return null; }
      @Override public String getVirtualHost() { return "localhost"; }
      @Override public int getVirtualPort() { return 9080; }
      @Override public long getContentLength() { return 0; }
      @Override public String getHeader(String name) { return null; }
      @Override public List<String> getHeaders(String name) { return List.of(); }
      @Override public List<String> getHeaderNames() { return List.of(); }
      @Override public HttpCookie getCookie(String name) { return null; }
      @Override public List<HttpCookie> getCookies(String name) { return List.of(); }
      @Override public List<HttpCookie> getCookies() { return List.of(); }
      @Override public HttpInputStream getBody() { throw new UnsupportedOperationException(); }
      @Override public List<String> getTrailerNames() { return List.of(); }
      @Override public String getTrailer(String name) { return null; }
      @Override public boolean isTrailersReady() { return true; }
    };
  }

  /** Records what the answer does to the connection and its response. */
  private static final class Connection {
    final List<String> calls = new ArrayList<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    int status;

    HttpInboundConnection proxy() {
      HttpResponse response = new RecordingResponse();
      return (HttpInboundConnection) Proxy.newProxyInstance(HttpInboundConnection.class.getClassLoader(),
          new Class<?>[] {HttpInboundConnection.class}, (p, method, args) -> switch (method.getName()) {
            case "getResponse" -> response;
            case "finish" -> {
              calls.add("finish(" + args[0] + ")");
              yield null;
            }
            default -> throw new UnsupportedOperationException(method.getName());
          });
    }

    private final class RecordingResponse implements HttpResponse {
      @Override public void setStatus(int code) { calls.add("setStatus"); status = code; }
      @Override public void setReason(String reason) { calls.add("setReason"); }
      @Override public void setVersion(String version) { throw new UnsupportedOperationException(); }
      @Override public void setContentLength(long length) { calls.add("setContentLength"); headers.put("Content-Length", String.valueOf(length)); }
      @Override public void setHeader(String name, String value) { calls.add("setHeader"); headers.put(name, value); }
      @Override public void addHeader(String name, String value) { throw new UnsupportedOperationException(); }
      @Override public void addCookie(HttpCookie cookie) { throw new UnsupportedOperationException(); }
      @Override public void removeCookie(HttpCookie cookie) { throw new UnsupportedOperationException(); }
      @Override public void removeHeader(String name) { throw new UnsupportedOperationException(); }
      @Override public void removeAllHeaders() { throw new UnsupportedOperationException(); }
      @Override public boolean isCommitted() { return false; }
      @Override public boolean isPersistent() { return true; }
      @Override public void reset() { throw new UnsupportedOperationException(); }
      @Override public int getStatus() { return status; }
      @Override public String getReason() { return null; }
      @Override public String getVersion() { return "HTTP/1.1"; }
      @Override public long getContentLength() { return Long.parseLong(headers.getOrDefault("Content-Length", "-1")); }
      @Override public String getHeader(String name) { return headers.get(name); }
      @Override public List<String> getHeaders(String name) { return headers.containsKey(name) ? List.of(headers.get(name)) : List.of(); }
      @Override public List<String> getHeaders() { return List.copyOf(headers.values()); }
      @Override public List<String> getHeaderNames() { return List.copyOf(headers.keySet()); }
      @Override public HttpCookie getCookie(String name) { return null; }
      @Override public List<HttpCookie> getCookies(String name) { return List.of(); }
      @Override public List<HttpCookie> getCookies() { return List.of(); }
      @Override public HttpOutputStream getBody() { calls.add("getBody"); return new RecordingStream(); }
      @Override public void setTrailer(String name, String value) { throw new UnsupportedOperationException(); }
      @Override public void writeTrailers() { throw new UnsupportedOperationException(); }
    }

    private final class RecordingStream extends HttpOutputStream {
      @Override public void write(int b) { body.write(b); }
      @Override public void write(byte[] b, int off, int len) { body.write(b, off, len); }
      @Override public void close() { calls.add("close"); }
      @Override public void setIsClosing(boolean closing) { }
      @Override public int getBufferSize() { return 0; }
      @Override public void setBufferSize(int size) { }
      @Override public void clear() { }
      @Override public long getBytesWritten() { return body.size(); }
      @Override public long getBufferedCount() { return 0; }
      @Override public boolean hasBufferedContent() { return false; }
      @Override public void writeFile(FileChannel file) { throw new UnsupportedOperationException(); }
      @Override public void flushHeaders() { }
      @Override public void flushBuffers() { }
      @Override public boolean isClosed() { return false; }
      @Override public void flush(boolean ignoreFlag) { }
      @Override public void setContentLength(long length) { }
    }
  }
}
