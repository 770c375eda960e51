package ai.atlas.web.interfaces.access;

import ai.atlas.core.application.Json;
import ai.atlas.core.application.security.ApiKeyService;
import ai.atlas.core.application.security.ApiKeyView;
import ai.atlas.core.application.security.CreatedApiKey;
import ai.atlas.core.domain.security.Role;
import ai.atlas.web.interfaces.support.Bodies;
import ai.atlas.web.interfaces.support.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
  @Context SecurityContext security;
  @Context HttpServletRequest http;

  @GET
  @Operation(summary = "All API keys, masked: never their tokens")
  public List<ApiKeyView> list() {
    return keys.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create an API key with a name and a role; the answer holds its token, shown this once")
  public Response create(String body, @Context UriInfo uri) {
    JsonObject request = Bodies.object(body);
    CreatedApiKey created = keys.create(
        Json.requiredString(request, "name"),
        UserResource.role(Json.requiredString(request, "role")),
        Callers.actor(security, http));
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.created(uri.getAbsolutePathBuilder().path(created.key().keyId()).build())
        .cacheControl(noStore)
        .entity(created)
        .build();
  }

  @DELETE
  @Path("/{keyId}")
  @Operation(summary = "Revoke an API key: it stops working at once")
  public ApiKeyView revoke(@PathParam("keyId") String keyId) {
    return keys.revoke(keyId, Callers.actor(security, http));
  }
}
