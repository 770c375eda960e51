package ai.atlas.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API, rooted at {@code /api}. */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info = @Info(
        title = "ATLAS API",
        version = "1",
        description = "Sessions, review, export and batch jobs of the ATLAS continual-learning platform."))
public class AtlasApplication extends Application {}
