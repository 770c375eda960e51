package ai.atlas.liberty.guard;

import com.ibm.wsspi.http.HttpInboundConnection;
import com.ibm.wsspi.http.HttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A 400 answered on the connection itself, as the API answers its errors (RFC 9457 problem details). */
final class ProblemAnswer {

  private ProblemAnswer() {}

  static void badRequest(HttpInboundConnection connection, String detail) {
    byte[] body = problem(400, "Bad Request", detail).getBytes(StandardCharsets.UTF_8);
    HttpResponse response = connection.getResponse();
    response.setStatus(400);
    response.setReason("Bad Request");
    response.setHeader("Content-Type", "application/problem+json");
    // the request's body, if any, is not read: the connection must not carry another request
    response.setHeader("Connection", "close");
    response.setContentLength(body.length);
    Exception failure = null;
    try (OutputStream out = response.getBody()) {
      out.write(body);
    } catch (IOException e) {
      failure = e;
    }
    connection.finish(failure);
  }

  /** The problem document; the detail is one of {@link RefusedPaths}' fixed sentences, so it needs no escaping beyond quotes. */
  static String problem(int status, String title, String detail) {
    return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
        + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
  }
}
