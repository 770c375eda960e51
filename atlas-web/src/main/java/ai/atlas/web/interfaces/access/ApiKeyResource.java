package ai.atlas.web.interfaces.access;

import ai.atlas.core.application.security.ApiKeyService;
import ai.atlas.core.application.security.ApiKeyView;
import ai.atlas.core.application.security.CreatedApiKey;
import ai.atlas.core.application.security.KeyLimits;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import ai.atlas.core.domain.security.Role;
import ai.atlas.web.infrastructure.limits.CallerLimits;
import ai.atlas.web.interfaces.support.Bodies;
import ai.atlas.web.interfaces.support.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** API keys of machine clients. Admins only; creation and revocation are audited. */
@Path("/keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class ApiKeyResource {

  @Inject ApiKeyService keys;
  @Inject CallerLimits callerLimits;
  @Context SecurityContext security;
  @Context HttpServletRequest http;

  @GET
  @Operation(summary = "All API keys, masked: never their tokens")
  public List<ApiKeyView> list() {
    return keys.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create an API key with a name, a role and optional limits of its own (sessions_per_minute, "
      + "max_queued); the answer holds its token, shown this once")
  public Response create(String body, @Context UriInfo uri) {
    JsonObject request = Bodies.object(body);
    CreatedApiKey created = keys.create(
        Json.requiredString(request, "name"),
        UserResource.role(Json.requiredString(request, "role")),
        limits(request),
        Callers.actor(security, http));
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.created(uri.getAbsolutePathBuilder().path(created.key().keyId()).build())
        .cacheControl(noStore)
        .entity(created)
        .build();
  }

  @PUT
  @Path("/{keyId}/limits")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set an API key's session limits: {sessions_per_minute, max_queued}, each a count (0: no limit) "
      + "or null/absent for the server's default; every server applies them within 10 s")
  public ApiKeyView setLimits(@PathParam("keyId") String keyId, String body) {
    ApiKeyView view = keys.setLimits(keyId, limits(Bodies.object(body)), Callers.actor(security, http));
    callerLimits.changed(keyId);
    return view;
  }

  private static KeyLimits limits(JsonObject request) {
    return new KeyLimits(count(request, "sessions_per_minute"), count(request, "max_queued"));
  }

  private static Integer count(JsonObject request, String field) {
    JsonValue value = request.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
      throw new InvalidInputException("'" + field + "' must be a whole number or null, not " + value);
    }
    if (number.bigIntegerValue().abs().compareTo(java.math.BigInteger.valueOf(KeyLimits.MAX)) > 0) {
      throw new InvalidInputException("'" + field + "' must be between 0 and " + KeyLimits.MAX + ", not " + value);
    }
    return number.intValue();
  }

  @DELETE
  @Path("/{keyId}")
  @Operation(summary = "Revoke an API key: it stops working at once")
  public ApiKeyView revoke(@PathParam("keyId") String keyId) {
    return keys.revoke(keyId, Callers.actor(security, http));
  }
}
