package ai.atlas.web.interfaces.plugins;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.domain.audit.AuditAction;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.plugins.PluginStatus;
import ai.atlas.server.plugins.InstalledPlugins;
import ai.atlas.web.interfaces.support.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The plugins of the plugins folder: what each provides, and whether it loaded or why not. */
@Path("/plugins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {

  @Inject InstalledPlugins plugins;
  @Inject AuditLog audit;

  @GET
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "Every plugin JAR: id, version, SPI version, what it provides, loaded or failed and why")
  public List<PluginStatus> list() {
    return plugins.list();
  }

  @POST
  @Path("/rescan")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Read the plugins folder again: load new or changed JARs, forget removed ones")
  public List<PluginStatus> rescan(@Context SecurityContext security, @Context HttpServletRequest http) {
    List<PluginStatus> found = plugins.rescan();
    long failed = found.stream().filter(p -> !p.loaded()).count();
    audit.record(Callers.actor(security, http), AuditAction.PLUGIN_RESCAN, "plugins",
        found.size() + " JARs, " + failed + " failed");
    return found;
  }
}
