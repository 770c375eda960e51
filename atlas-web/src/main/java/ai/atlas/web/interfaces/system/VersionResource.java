package ai.atlas.web.interfaces.system;

import ai.atlas.core.AtlasVersion;
import ai.atlas.spi.SpiVersion;
import ai.atlas.web.infrastructure.SchemaStartup;
import ai.atlas.core.domain.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/version")
@RequestScoped
public class VersionResource {

  @Inject SchemaStartup schema;

  @GET
  @RolesAllowed(Role.VIEWER_NAME)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The server's version, plugin API version and database schema version")
  public VersionDto version() {
    return new VersionDto("atlas", AtlasVersion.current(), SpiVersion.CURRENT, schema.schemaVersion());
  }
}
