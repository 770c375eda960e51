package ai.atlas.web.interfaces.models;

import ai.atlas.batch.train.FinishedModel;
import ai.atlas.core.common.Json;
import ai.atlas.core.domain.security.Role;
import ai.atlas.model.io.ModelConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

  @Inject
  @ConfigProperty(name = "atlas.models.dir", defaultValue = "models")
  String modelsDir;

  @GET
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "The checkpoints of the models folder: architecture, size, and the training job that made each")
  public List<ModelDto> list() {
    java.nio.file.Path root = java.nio.file.Path.of(modelsDir);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<ModelDto> models = new ArrayList<>();
    try (Stream<java.nio.file.Path> configs = Files.walk(root, 4)) {
      for (java.nio.file.Path config : configs.filter(p -> p.getFileName().toString().equals("config.json"))
          .filter(p -> !root.relativize(p).startsWith(".work")).sorted(Comparator.naturalOrder()).toList()) {
        describe(root, config.getParent()).ifPresent(models::add);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("cannot list the models folder: " + e.getMessage(), e);
    }
    return models;
  }

  private static java.util.Optional<ModelDto> describe(java.nio.file.Path root, java.nio.file.Path dir) {
    try {
      ModelConfig config = ModelConfig.parse(Files.readString(dir.resolve("config.json"), StandardCharsets.UTF_8));
      long bytes = 0;
      try (Stream<java.nio.file.Path> files = Files.list(dir)) {
        for (java.nio.file.Path f : files.filter(p -> p.getFileName().toString().endsWith(".safetensors")).toList()) {
          bytes += Files.size(f);
        }
      }
      java.nio.file.Path provenance = dir.resolve(FinishedModel.PROVENANCE);
      JsonValue training = Files.isRegularFile(provenance) ? Json.parse(Files.readString(provenance, StandardCharsets.UTF_8))
          : null;
      String name = root.relativize(dir).toString().replace('\\', '/');
      return java.util.Optional.of(new ModelDto(name, dir.toString(), config.architecture(), config.numLayers(), config.hiddenSize(),
          config.vocabSize(), config.maxPositions(), bytes, training));
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty(); // a folder that is not a readable checkpoint is not a model
    }
  }
}
