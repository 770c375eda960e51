package ai.atlas.batch.launch;

import ai.atlas.batch.grpo.GrpoJob;
import ai.atlas.core.application.jobs.JobLauncher;
import ai.atlas.core.application.jobs.JobSchema;
import ai.atlas.core.application.jobs.JobValues;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.profile.ProfileService;
import ai.atlas.model.ModelException;
import ai.atlas.server.config.ConfinedFile;
import ai.atlas.server.config.ServerFolders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;

/**
 * Starts grpo: the prompts (a dataset with lines, or the approved sessions exported into a new
 * file of the datasets folder), the checkpoint and output, the reward and its profile, and every
 * training setting checked by building the trainer's settings, so a bad request is a 400 and
 * never a job that fails later.
 */
@ApplicationScoped
public class GrpoLauncher implements JobLauncher {

  @Inject ServerFolders folders;
  @Inject ProfileService profiles;

  Clock clock = Clock.systemUTC();

  @Override
  public JobSchema schema() {
    return GrpoJob.SCHEMA;
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public Properties parameters(JsonObject request, String caller) {
    JobValues values = training(GrpoJob.SCHEMA.read(request), folders, clock, "grpo-sessions-");
    values.text("profile").ifPresent(name -> profiles.get(name)); // 404 for an unknown profile, before the job starts
    return values.toProperties();
  }

  /** The grpo settings of a request (the grpo job's, or the pipeline's), checked, with what the server computes. */
  static JobValues training(JobValues values, ServerFolders folders, Clock clock, String sessionsFile) {
    Path datasets = folders.datasets();
    Path models = folders.models();
    Path dataset;
    long lines = -1;
    if (values.required("source").equals("sessions")) {
      // the approved sessions are exported into a new file of the datasets folder, kept for inspection
      dataset = LaunchFiles.exported(datasets, sessionsFile, clock);
    } else {
      dataset = LaunchFiles.dataset(datasets, values.text("dataset").orElse(null), "dataset");
      lines = LaunchFiles.lines(dataset);
    }
    Path base = LaunchFiles.checkpoint(models, values.text("base").orElse(null), "base");
    Path output = ConfinedFile.resolve(models, values.text("output").orElse(null), "output", "models folder");
    if (output.equals(base)) {
      throw new InvalidInputException("'output' must be another folder than 'base'");
    }
    String reward = values.required("reward");
    if (!reward.equals("verifiable") && values.text("profile").isEmpty()) {
      throw new InvalidInputException("the " + reward + " reward needs a 'profile'");
    }
    long promptsPerStep = values.integer("promptsPerStep");
    long epochs = values.integer("epochs");
    long maxSteps = values.integer("maxSteps");
    long perEpoch = lines < 0 ? -1 : (lines + promptsPerStep - 1) / promptsPerStep;
    long totalSteps = perEpoch < 0 ? (maxSteps > 0 ? maxSteps : 1000) : maxSteps > 0 ? Math.min(maxSteps, epochs * perEpoch)
        : epochs * perEpoch;
    values.with("dataset", dataset.toString()).with("base", base.toString()).with("output", output.toString())
        .with("modelsDir", models.toAbsolutePath().toString()).with("totalSteps", Long.toString(totalSteps));
    try {
      GrpoJob.settings(values);
    } catch (ModelException e) {
      throw new InvalidInputException(e.getMessage());
    }
    return values;
  }
}
