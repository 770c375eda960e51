package ai.atlas.web.interfaces.access;

import ai.atlas.core.domain.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Who the caller is signed in as, and with which roles: what a client checks first. */
@Path("/me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  /** The caller's name and the roles it holds. */
  public record MeDto(String name, List<String> roles) {}

  @GET
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "The signed-in caller and its roles")
  public MeDto me(@Context SecurityContext security) {
    List<String> roles = Arrays.stream(Role.values()).map(Role::wireName).filter(security::isUserInRole).toList();
    return new MeDto(security.getUserPrincipal().getName(), roles);
  }
}
