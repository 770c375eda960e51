package ai.atlas.web.interfaces.problem;

import jakarta.json.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page of every status the web container answers itself, before a request reaches
 * JAX-RS: a URI with encoded characters it refuses ({@code %2F}, {@code %2E}, broken UTF-8), a
 * method it refuses, a file it will not serve or that is not there. It writes the same
 * problem document the API does ({@code web.xml} routes the statuses here), or OpenAI's error
 * body for the gateway's {@code /v1} paths; the container's own text never reaches a client.
 */
@WebServlet(name = "error-page", urlPatterns = "/error-page")
public class ErrorPageServlet extends HttpServlet {

  private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer value ? value : response.getStatus() >= 400 ? response.getStatus() : 500;
    String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
    String detail = switch (status) {
      case 400 -> "the request is malformed: its URI has encoded characters the web container refuses (such as %2F or %2E),"
          + " or it cannot be read";
      case 403 -> "the web container refuses to serve this path (a file name with '..' or another reserved form)";
      case 404 -> "no such resource";
      case 405 -> "this resource does not support that method";
      case 413 -> "the request is too large";
      case 414 -> "the request URI is too long";
      default -> status >= 500 ? incident(request) : "the request was refused";
    };
    response.resetBuffer();
    response.setStatus(status);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (uri.startsWith(request.getContextPath() + "/v1/")) {
      response.setContentType("application/json");
      response.getWriter().write(Json.createObjectBuilder().add("error", Json.createObjectBuilder().add("message", detail)
          .add("type", status >= 500 ? "server_error" : "invalid_request_error").addNull("param").addNull("code")).build().toString());
      return;
    }
    response.setContentType("application/problem+json");
    response.getWriter().write(Json.createObjectBuilder().add("type", "about:blank").add("title", title(status)).add("status", status)
        .add("detail", detail).build().toString());
  }

  private static String incident(HttpServletRequest request) {
    String id = UUID.randomUUID().toString();
    Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    LOG.log(Level.SEVERE, "incident " + id + " (the web container's error page)", error instanceof Throwable t ? t : null);
    return "the server failed; incident " + id;
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 500 -> "Internal Server Error";
      default -> "Error";
    };
  }
}
