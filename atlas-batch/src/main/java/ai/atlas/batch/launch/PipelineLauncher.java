package ai.atlas.batch.launch;

import ai.atlas.batch.pipeline.PipelineJob;
import ai.atlas.batch.pipeline.TaskFile;
import ai.atlas.core.application.jobs.JobLauncher;
import ai.atlas.core.application.jobs.JobSchema;
import ai.atlas.core.application.jobs.JobValues;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.domain.session.SessionQuery;
import ai.atlas.core.profile.ProfileService;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.core.sessions.SessionService;
import ai.atlas.server.config.ServerFolders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Starts the pipeline on a profile. It trains the profile's own teacher: its checkpoint
 * ({@code teacher.llm.settings.path}) must be in the models folder, and the reward is always the
 * paired teaching reward, so {@code source}, {@code reward}, {@code base} and {@code dataset} are
 * not the caller's to set. The training settings are the grpo job's, checked as its launcher checks them.
 */
@ApplicationScoped
public class PipelineLauncher implements JobLauncher {

  @Inject ServerFolders folders;
  @Inject ProfileService profiles;
  @Inject SessionService sessions;

  Clock clock = Clock.systemUTC();

  @Override
  public JobSchema schema() {
    return PipelineJob.SCHEMA;
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public Properties parameters(JsonObject request, String caller) {
    for (String field : PipelineJob.FIXED) {
      if (request.containsKey(field)) {
        throw new InvalidInputException("'" + field + "' cannot be set: the pipeline trains the profile's teacher on its approved"
            + " sessions with the teaching-paired reward");
      }
    }
    String name = Json.requiredString(request, "profile");
    var profile = profiles.get(name); // 404 for an unknown profile, before anything else is checked
    JobValues values = PipelineJob.SCHEMA.read(request);
    Path datasets = folders.datasets();
    Optional<Path> tasks = values.text("tasks").map(t -> taskFile(datasets, t, "tasks"));
    long stored = sessions.list(SessionQuery.all().profile(name), 0, 1, s -> s.getId()).total();
    if (tasks.isEmpty() && stored == 0) {
      throw new InvalidInputException("profile '" + name + "' has no sessions to learn from: run some, or give a 'tasks' file");
    }
    Path heldOut = taskFile(datasets, values.required("heldOut"), "heldOut");
    if (tasks.isPresent() && tasks.get().equals(heldOut)) {
      throw new InvalidInputException("'heldOut' must be another file than 'tasks': a held-out task must never be trained on");
    }
    values.with("source", "sessions").with("reward", "teaching-paired")
        .with("base", teacherCheckpoint(name, profile.document(), folders.models()));
    GrpoLauncher.training(values, folders, clock, "pipeline-sessions-");
    tasks.ifPresent(file -> values.with("tasks", file.toString()));
    values.with("heldOut", heldOut.toString()).with("startedBy", caller);
    return values.toProperties();
  }

  private static Path taskFile(Path datasets, String name, String field) {
    Path file = LaunchFiles.dataset(datasets, name, field);
    List<TaskFile.Task> read;
    try {
      read = TaskFile.read(file, Integer.MAX_VALUE);
    } catch (IllegalStateException e) {
      throw new InvalidInputException("'" + field + "': " + e.getMessage());
    }
    if (read.isEmpty()) {
      throw new InvalidInputException("'" + field + "': " + file.getFileName() + " has no tasks");
    }
    return file;
  }

  /** The teacher's checkpoint as a name inside the models folder; a teacher that is not a local checkpoint there cannot be trained. */
  private static String teacherCheckpoint(String name, Map<String, Object> document, Path modelsDir) {
    RuntimeProfile.Component teacher = RuntimeProfile.from(name, document).teacher();
    String path = teacher.settings().get("path");
    if (!"local".equals(teacher.type()) || path == null) {
      throw new InvalidInputException("profile '" + name + "' has no local teacher checkpoint (teacher.llm.provider local with"
          + " settings.path) to train; the pipeline trains the teacher's own weights");
    }
    Path models = modelsDir.toAbsolutePath().normalize();
    Path checkpoint = Path.of(path).toAbsolutePath().normalize();
    if (!checkpoint.startsWith(models) || checkpoint.equals(models)) {
      throw new InvalidInputException("profile '" + name + "' has its teacher at " + path + ", outside the models folder");
    }
    return models.relativize(checkpoint).toString();
  }
}
