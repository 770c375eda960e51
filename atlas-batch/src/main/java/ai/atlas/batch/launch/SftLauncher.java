package ai.atlas.batch.launch;

import ai.atlas.batch.train.SftJob;
import ai.atlas.core.application.jobs.JobLauncher;
import ai.atlas.core.application.jobs.JobSchema;
import ai.atlas.core.application.jobs.JobValues;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.domain.security.Role;
import ai.atlas.model.ModelException;
import ai.atlas.server.config.ConfinedFile;
import ai.atlas.server.config.ServerFolders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.Properties;

/** Starts sft: a dataset with lines, a checkpoint to train, an output folder; the schedule's length from the dataset. */
@ApplicationScoped
public class SftLauncher implements JobLauncher {

  @Inject ServerFolders folders;

  @Override
  public JobSchema schema() {
    return SftJob.SCHEMA;
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public Properties parameters(JsonObject request, String caller) {
    JobValues values = SftJob.SCHEMA.read(request);
    Path models = folders.models();
    Path dataset = LaunchFiles.dataset(folders.datasets(), values.text("dataset").orElse(null), "dataset");
    Path base = LaunchFiles.checkpoint(models, values.text("base").orElse(null), "base");
    Path output = ConfinedFile.resolve(models, values.text("output").orElse(null), "output", "models folder");
    long lines = LaunchFiles.lines(dataset);
    long batchSize = values.integer("batchSize");
    values.with("dataset", dataset.toString()).with("base", base.toString()).with("output", output.toString())
        .with("modelsDir", models.toAbsolutePath().toString())
        .with("totalSteps", Long.toString(values.integer("epochs") * ((lines + batchSize - 1) / batchSize)));
    try {
      SftJob.schedule(values); // the writer's schedule, built now so that a bad one is a 400
    } catch (ModelException e) {
      throw new InvalidInputException(e.getMessage());
    }
    return values.toProperties();
  }
}
