package ai.atlas.web.interfaces.access;

import ai.atlas.core.application.security.UserService;
import ai.atlas.core.application.security.UserView;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import ai.atlas.core.domain.security.Role;
import ai.atlas.web.interfaces.support.Bodies;
import ai.atlas.web.interfaces.support.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** People who sign in, and their roles. Admins only; every change is audited. */
@Path("/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class UserResource {

  @Inject UserService users;
  @Context SecurityContext security;
  @Context HttpServletRequest http;

  @GET
  @Operation(summary = "All users with their roles")
  public List<UserView> list() {
    return users.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a user: username, password (12+ characters) and role")
  public Response create(String body, @Context UriInfo uri) {
    JsonObject request = Bodies.object(body);
    UserView created = users.create(
        Json.requiredString(request, "username"),
        Json.requiredString(request, "password"),
        role(Json.requiredString(request, "role")),
        Callers.actor(security, http));
    return Response.created(uri.getAbsolutePathBuilder().path(created.username()).build()).entity(created).build();
  }

  @PUT
  @Path("/{username}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change a user's role, password or enabled flag; fields left out stay as they are")
  public UserView update(@PathParam("username") String username, String body) {
    JsonObject request = Bodies.object(body);
    Boolean enabled = null;
    if (request.containsKey("enabled")) {
      JsonValue value = request.get("enabled");
      if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
        throw new InvalidInputException("'enabled' must be true or false");
      }
      enabled = value == JsonValue.TRUE;
    }
    return users.update(
        username,
        Json.optionalString(request, "role").map(UserResource::role).orElse(null),
        Json.optionalString(request, "password").orElse(null),
        enabled,
        Callers.actor(security, http));
  }

  static Role role(String value) {
    return Role.fromWire(value).orElseThrow(() ->
        new InvalidInputException("'role' must be one of " + Role.wireNames() + ", not '" + value + "'"));
  }
}
