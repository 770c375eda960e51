package ai.atlas.web.interfaces.gateway;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.common.ServerBusyException;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.profile.ProfileService;
import ai.atlas.core.profile.ProfileView;
import ai.atlas.core.runtime.SessionRuntime;
import ai.atlas.core.sessions.SessionService;
import ai.atlas.web.infrastructure.limits.CallerLimits;
import ai.atlas.web.infrastructure.limits.SessionRateLimiter;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /v1/models} (each profile is a model), {@code GET /v1/models/{name}} and
 * {@code POST /v1/chat/completions}: the call runs as a session of the profile through its lanes,
 * teacher, judges, playbook and review, and the client receives the supervised answer, whole or as
 * server-sent {@code chat.completion.chunk}s ending with {@code [DONE]}. The caller signs in with
 * an ATLAS API key as its OpenAI key; running a session needs the operator role, as on the API.
 * Calls of one conversation are grouped by the {@code X-Atlas-Conversation-Id} header, else
 * {@code metadata.conversation_id}, else {@code user}, kept in the session's metadata.
 */
@WebServlet(name = "openai-gateway", urlPatterns = "/v1/*")
public class GatewayServlet extends HttpServlet {

  private static final Logger LOG = Logger.getLogger(GatewayServlet.class.getName());
  static final String CONVERSATION_HEADER = "X-Atlas-Conversation-Id";
  static final String SESSION_HEADER = "X-Atlas-Session-Id";

  @Inject SessionRuntime runtime;
  @Inject SessionService sessions;
  @Inject ProfileService profiles;
  @Inject SessionRateLimiter limiter;
  @Inject CallerLimits callerLimits;
  @Inject GatewayMetrics metrics;

  @Inject
  @ConfigProperty(name = "atlas.limits.request-body-bytes", defaultValue = "4194304")
  long maxBodyBytes;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    try {
      if (path.equals("/chat/completions")) {
        requireMethod(request, "POST");
        chatCompletions(request, response);
      } else if (path.equals("/models")) {
        requireMethod(request, "GET");
        writeJson(response, 200, models());
      } else if (path.startsWith("/models/") && path.indexOf('/', 8) < 0) {
        requireMethod(request, "GET");
        writeJson(response, 200, model(path.substring(8)));
      } else {
        throw OpenAiError.notFound("no route " + request.getMethod() + " /v1" + path + " (the gateway serves /v1/chat/completions"
            + " and /v1/models)", null, "unknown_url");
      }
    } catch (OpenAiError e) {
      e.write(response);
    } catch (RuntimeException e) {
      String incident = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "gateway incident " + incident, e);
      OpenAiError.server("the server failed (incident " + incident + ")").write(response);
    }
  }

  private static void requireMethod(HttpServletRequest request, String method) {
    if (!request.getMethod().equals(method)) {
      throw OpenAiError.methodNotAllowed(request.getMethod() + " is not allowed here; use " + method);
    }
  }

  private JsonObject models() {
    JsonArrayBuilder data = Json.createArrayBuilder();
    profiles.list().forEach(p -> data.add(modelJson(p)));
    return Json.createObjectBuilder().add("object", "list").add("data", data).build();
  }

  private JsonObject model(String name) {
    return modelJson(profile(name, null));
  }

  private static JsonObject modelJson(ProfileView profile) {
    return Json.createObjectBuilder().add("id", profile.name()).add("object", "model")
        .add("created", profile.updatedAt() == null ? 0 : profile.updatedAt().getEpochSecond()).add("owned_by", "atlas").build();
  }

  private ProfileView profile(String name, String param) {
    try {
      return profiles.get(name);
    } catch (NotFoundException e) {
      throw OpenAiError.notFound("The model '" + name + "' does not exist: the models are ATLAS's profiles (GET /v1/models)", param,
          "model_not_found");
    }
  }

  private void chatCompletions(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!request.isUserInRole(Role.OPERATOR_NAME)) {
      throw OpenAiError.forbidden("running a session needs the operator role; this key's caller does not have it");
    }
    long started = System.nanoTime();
    ChatCompletionRequest chat = ChatCompletionRequest.parse(body(request));
    profile(chat.model(), "model");
    String caller = request.getUserPrincipal().getName();
    int perMinute = callerLimits.of(caller).sessionsPerMinute();
    OptionalLong retryAfter = limiter.tryAcquire(caller, perMinute);
    if (retryAfter.isPresent()) {
      throw OpenAiError.rateLimited("at most " + perMinute + " sessions per minute for this caller; retry in "
          + retryAfter.getAsLong() + " s", Duration.ofSeconds(retryAfter.getAsLong()));
    }
    SessionRuntime.Started run = start(chat, metadata(request, chat));
    response.setHeader(SESSION_HEADER, Long.toString(run.sessionId()));
    try {
      run.outcome().get(runtime.limits().waitLimit().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw OpenAiError.timeout("session " + run.sessionId() + " is still running after " + runtime.limits().waitLimit().toSeconds()
          + " s; its outcome will be at /api/sessions/" + run.sessionId());
    } catch (ExecutionException e) {
      // the session's failure is recorded on it; answered below from what was stored
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw OpenAiError.server("interrupted while waiting for session " + run.sessionId());
    }
    ChatCompletion completion = sessions.get(run.sessionId(), session -> {
      if (session.getStatus() == SessionStatus.FAILED) {
        throw OpenAiError.server("session " + run.sessionId() + " failed: " + session.getEvents().stream()
            .filter(e -> e.getType().equals("session.failed")).flatMap(e -> e.getPayload().stream()).findFirst().orElse("see its trace"));
      }
      return ChatCompletion.of(session, chat.model());
    });
    metrics.served(chat.model(), completion, Duration.ofNanos(System.nanoTime() - started));
    if (chat.stream()) {
      stream(response, completion, chat.includeUsage());
    } else {
      writeJson(response, 200, completion.toJson());
    }
  }

  private SessionRuntime.Started start(ChatCompletionRequest chat, Map<String, String> metadata) {
    try {
      return runtime.run(new SessionRuntime.Request(chat.model(), chat.task(), metadata, null, null,
          new SessionRuntime.Chat(chat.conversation(), chat.tools(), chat.toolChoice())));
    } catch (ServerBusyException e) {
      throw OpenAiError.rateLimited(e.getMessage(), e.retryAfter());
    } catch (InvalidInputException e) {
      throw OpenAiError.invalid(e.getMessage(), null);
    } catch (NotFoundException e) {
      throw OpenAiError.notFound(e.getMessage(), "model", "model_not_found");
    }
  }

  private static Map<String, String> metadata(HttpServletRequest request, ChatCompletionRequest chat) {
    Map<String, String> metadata = new LinkedHashMap<>(chat.metadata());
    metadata.put("gateway", "openai");
    String conversation = request.getHeader(CONVERSATION_HEADER);
    if (conversation == null || conversation.isBlank()) {
      conversation = chat.metadata().getOrDefault("conversation_id", chat.user());
    }
    if (conversation != null && !conversation.isBlank()) {
      metadata.put("conversation", conversation.strip());
    }
    if (chat.user() != null) {
      metadata.put("user", chat.user());
    }
    return metadata;
  }

  /** The chunks after the session ended: the answer is the supervised one, known only then. */
  private static void stream(HttpServletResponse response, ChatCompletion completion, boolean includeUsage) throws IOException {
    response.setStatus(200);
    response.setContentType("text/event-stream");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Cache-Control", "no-cache");
    PrintWriter out = response.getWriter();
    for (JsonObject chunk : completion.chunks(includeUsage)) {
      out.write("data: " + chunk + "\n\n");
      out.flush();
    }
    out.write("data: [DONE]\n\n");
    out.flush();
  }

  private JsonObject body(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > maxBodyBytes) {
      throw OpenAiError.tooLarge("the request body is " + request.getContentLengthLong() + " bytes; the limit is " + maxBodyBytes);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (InputStream in = request.getInputStream()) {
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        bytes.write(buffer, 0, read);
        if (bytes.size() > maxBodyBytes) {
          throw OpenAiError.tooLarge("the request body is over the limit of " + maxBodyBytes + " bytes");
        }
      }
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw OpenAiError.invalid("the request body must be a JSON object", null);
    }
    JsonValue value;
    try (var reader = Json.createReader(new StringReader(text))) {
      value = reader.readValue();
    } catch (RuntimeException e) {
      // Parsson's errors (malformed, too deeply nested) are the caller's, never the server's
      throw OpenAiError.invalid("the request body is not valid JSON: " + e.getMessage(), null);
    }
    if (!(value instanceof JsonObject object)) {
      throw OpenAiError.invalid("the request body must be a JSON object", null);
    }
    try {
      ai.atlas.core.common.Json.requireNoNul(object);
    } catch (InvalidInputException e) {
      throw OpenAiError.invalid(e.getMessage(), null);
    }
    return object;
  }

  private static void writeJson(HttpServletResponse response, int status, JsonObject body) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(body.toString());
  }
}
