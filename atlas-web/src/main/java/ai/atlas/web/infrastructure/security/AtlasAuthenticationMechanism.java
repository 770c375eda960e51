package ai.atlas.web.infrastructure.security;

import ai.atlas.core.application.security.ApiKeyService;
import ai.atlas.core.application.security.Caller;
import ai.atlas.core.application.security.UserService;
import ai.atlas.web.infrastructure.DatabaseOutage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * How callers sign in, on every request: people with a user name and password (HTTP Basic),
 * checked against ATLAS's users and then the server's user registry (LDAP) when one is configured;
 * machine clients with an API key ({@code Authorization: Bearer atlas_…}) or an OpenID Connect
 * access token. The container then
 * knows the caller's name and roles, so {@code @RolesAllowed}, {@code isUserInRole} and the
 * {@code web.xml} constraint all work as usual. Nothing is kept between requests: no HTTP session.
 */
@ApplicationScoped
public class AtlasAuthenticationMechanism implements HttpAuthenticationMechanism {

  static final String CHALLENGE = "Basic realm=\"atlas\", Bearer realm=\"atlas\"";

  @Inject UserService users;
  @Inject ApiKeyService keys;
  @Inject RegistrySignIn registry;
  @Inject OidcSignIn oidc;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    if (!context.isProtected()) {
      // the console's static files and other open resources: credentials, good or bad, play no part
      return context.doNothing();
    }
    String authorization = request.getHeader("Authorization");
    if (authorization == null || authorization.isBlank()) {
      return refuse(request, response, context, "sign in: send a user name and password (Basic) or an API key (Bearer)");
    }
    Optional<Credentials> credentials = Credentials.parse(authorization);
    if (credentials.isEmpty()) {
      return refuse(request, response, context, "the Authorization header must be 'Basic <base64 user:password>' or 'Bearer <API key>'");
    }
    Optional<Caller> caller;
    try {
      caller = credentials.get().signIn(users, keys, registry, oidc);
    } catch (RuntimeException e) {
      if (DatabaseOutage.causedBy(e)) {
        // Credentials cannot be checked while the database is away: 503 (retry), never 401 or 403.
        response.setHeader("Retry-After", Integer.toString(DatabaseOutage.RETRY_SECONDS));
        return send(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Service Unavailable", DatabaseOutage.DETAIL,
            "server_error", null);
      }
      throw e;
    }
    if (caller.isEmpty()) {
      return refuse(request, response, context, credentials.get().isApiKey()
          ? "the API key is unknown or revoked, or the access token is invalid or expired"
          : "the user name or password is wrong, or the user is disabled");
    }
    return context.notifyContainerAboutLogin(new CallerPrincipal(caller.get().name()), caller.get().groups());
  }

  /**
   * A 401 problem with the challenge, so clients know both ways to sign in; on the OpenAI-compatible
   * gateway ({@code /v1}) OpenAI's error body, which OpenAI clients turn into their authentication error.
   */
  private static AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context,
      String detail) {
    response.setHeader("WWW-Authenticate", CHALLENGE);
    return send(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail, "invalid_request_error", "invalid_api_key");
  }

  /** A problem document, or on the gateway ({@code /v1}) OpenAI's error body, as the whole answer. */
  private static AuthenticationStatus send(HttpServletRequest request, HttpServletResponse response, int status, String title,
      String detail, String gatewayType, String gatewayCode) {
    response.setStatus(status);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    boolean gateway = request.getRequestURI().startsWith(request.getContextPath() + "/v1/");
    response.setContentType(gateway ? "application/json" : "application/problem+json");
    var error = Json.createObjectBuilder().add("message", detail).add("type", gatewayType).addNull("param");
    if (gatewayCode == null) {
      error.addNull("code");
    } else {
      error.add("code", gatewayCode);
    }
    String body = gateway
        ? Json.createObjectBuilder().add("error", error).build().toString()
        : Json.createObjectBuilder()
        .add("type", "about:blank")
        .add("title", title)
        .add("status", status)
        .add("detail", detail)
        .build().toString();
    try {
      response.getWriter().write(body);
      response.flushBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  /** What an Authorization header carries. */
  private record Credentials(String username, char[] password, String apiKey) {

    static Optional<Credentials> parse(String header) {
      String value = header.trim();
      String lower = value.toLowerCase(Locale.ROOT);
      if (lower.startsWith("bearer ")) {
        return Optional.of(new Credentials(null, null, value.substring(7).trim()));
      }
      if (lower.startsWith("basic ")) {
        String decoded;
        try {
          decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
          return Optional.empty();
        }
        return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray(), null));
      }
      return Optional.empty();
    }

    boolean isApiKey() {
      return apiKey != null;
    }

    /**
     * Bearer: an ATLAS API key, else an OpenID Connect access token. Basic: ATLAS's own users,
     * then the server's user registry (LDAP) for names ATLAS does not know.
     */
    Optional<Caller> signIn(UserService users, ApiKeyService keys, RegistrySignIn registry, OidcSignIn oidc) {
      if (isApiKey()) {
        return apiKey.startsWith(ApiKeyService.TOKEN_PREFIX) ? keys.authenticate(apiKey) : oidc.authenticate(apiKey);
      }
      Optional<Caller> user = users.authenticate(username, password);
      return user.isPresent() || users.exists(username) ? user : registry.authenticate(username, password);
    }
  }
}
