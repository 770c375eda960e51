package ai.atlas.web.interfaces.models;

import ai.atlas.core.application.jobs.ModelFolder;
import ai.atlas.core.common.Json;
import ai.atlas.core.domain.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The models a profile can use: every checkpoint (a folder with {@code config.json}) of the models
 * folder, by the name a local-model setting names it with, with its architecture and, for those
 * the sft and grpo jobs wrote, how they were made ({@code training.json}).
 */
@Path("/models")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

  /** One checkpoint. */
  public record ModelDto(String name, String path, String architecture, int layers, int hiddenSize, int vocabSize,
      int maxPositions, long weightBytes, JsonValue training) {}

  @Inject ModelFolder models;

  @GET
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "The checkpoints of the models folder: architecture, size, and the training job that made each")
  public List<ModelDto> list() {
    return models.checkpoints().stream().map(c -> new ModelDto(c.name(), c.path(), c.architecture(), c.layers(), c.hiddenSize(),
        c.vocabSize(), c.maxPositions(), c.weightBytes(), c.trainingJson() == null ? null : Json.parse(c.trainingJson()))).toList();
  }
}
