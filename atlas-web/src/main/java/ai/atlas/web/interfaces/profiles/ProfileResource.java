package ai.atlas.web.interfaces.profiles;

import ai.atlas.core.domain.security.Role;
import ai.atlas.core.profile.ProfileService;
import ai.atlas.core.profile.ProfileView;
import ai.atlas.web.interfaces.support.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Agent profiles: read by viewers, written by admins (audited); bodies are YAML or JSON. */
@Path("/profiles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

  @Inject ProfileService profiles;
  @Context SecurityContext security;
  @Context HttpServletRequest http;

  @GET
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "All agent profiles")
  public List<ProfileView> list() {
    return profiles.list();
  }

  @GET
  @Path("/{name}")
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "One agent profile; secrets appear only as secret:NAME references")
  public ProfileView get(@PathParam("name") String name) {
    return profiles.get(name);
  }

  @PUT
  @Path("/{name}")
  @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Create or replace an agent profile from its YAML (or JSON) document; every invalid key is named")
  public ProfileView put(@PathParam("name") String name, String body) {
    return profiles.put(name, body, Callers.actor(security, http));
  }

  @DELETE
  @Path("/{name}")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Delete an agent profile")
  public Response delete(@PathParam("name") String name) {
    profiles.delete(name, Callers.actor(security, http));
    return Response.noContent().build();
  }
}
