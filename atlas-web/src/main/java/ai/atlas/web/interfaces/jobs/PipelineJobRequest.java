package ai.atlas.web.interfaces.jobs;

import ai.atlas.batch.pipeline.TaskFile;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.server.config.ConfinedFile;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A request to start the pipeline job, checked and turned into its parameters. The loop trains
 * the profile's own teacher: its checkpoint ({@code teacher.llm.settings.path}) must be in the
 * models folder, and the reward is always the paired teaching reward, so {@code source},
 * {@code reward} and {@code base} are not the caller's to set. The training settings are the grpo
 * job's, checked by {@link GrpoJobRequest}.
 */
final class PipelineJobRequest {

  private static final Set<String> FIXED = Set.of("source", "reward", "base", "dataset");

  private PipelineJobRequest() {}

  /**
   * @param profile the profile's document; {@code sessionCount} how many sessions it has stored
   */
  static Properties parameters(JsonObject request, Map<String, Object> profile, long sessionCount, Path datasetsDir, Path modelsDir,
      Clock clock) {
    String name = Json.optionalString(request, "profile").orElseThrow(() -> new InvalidInputException("'profile' is required"));
    for (String field : FIXED) {
      if (request.containsKey(field)) {
        throw new InvalidInputException("'" + field + "' cannot be set: the pipeline trains the profile's teacher on its approved"
            + " sessions with the teaching-paired reward");
      }
    }
    Optional<Path> tasks = Json.optionalString(request, "tasks").map(t -> taskFile(datasetsDir, t, "tasks"));
    if (tasks.isEmpty() && sessionCount == 0) {
      throw new InvalidInputException("profile '" + name + "' has no sessions to learn from: run some, or give a 'tasks' file");
    }
    Path heldOut = taskFile(datasetsDir, Json.optionalString(request, "heldOut")
        .orElseThrow(() -> new InvalidInputException("'heldOut' is required: a file of the datasets folder with the tasks to measure on")),
        "heldOut");
    if (tasks.isPresent() && tasks.get().equals(heldOut)) {
      throw new InvalidInputException("'heldOut' must be another file than 'tasks': a held-out task must never be trained on");
    }
    String base = teacherCheckpoint(name, profile, modelsDir);
    long maxSessions = range(request, "maxSessions", 1000, 1, 100_000);
    long sessionTimeout = range(request, "sessionTimeoutSeconds", 300, 1, 86_400);
    long maxHeldOut = range(request, "maxHeldOut", 1000, 1, 100_000);
    double minReward = Json.optionalNumber(request, "minReward").orElse(1.0);
    if (!(minReward >= 0 && minReward <= 1)) {
      throw new InvalidInputException("'minReward' must be between 0 and 1");
    }
    String switchWhen = Json.optionalString(request, "switchWhen").orElse("not-worse");
    if (!Set.of("always", "not-worse", "never").contains(switchWhen)) {
      throw new InvalidInputException("'switchWhen' must be always, not-worse or never, not '" + switchWhen + "'");
    }
    jakarta.json.JsonObjectBuilder training = jakarta.json.Json.createObjectBuilder(request).add("source", "sessions")
        .add("reward", "teaching-paired").add("base", base);
    Properties p = GrpoJobRequest.parameters(training.build(), datasetsDir, modelsDir, clock);
    p.setProperty("dataset", p.getProperty("dataset").replace("grpo-sessions-", "pipeline-sessions-"));
    tasks.ifPresent(file -> p.setProperty("tasks", file.toString()));
    p.setProperty("heldOut", heldOut.toString());
    p.setProperty("maxSessions", Long.toString(maxSessions));
    p.setProperty("sessionTimeoutSeconds", Long.toString(sessionTimeout));
    p.setProperty("maxHeldOut", Long.toString(maxHeldOut));
    p.setProperty("minReward", Double.toString(minReward));
    p.setProperty("switchWhen", switchWhen);
    return p;
  }

  private static Path taskFile(Path datasetsDir, String name, String field) {
    Path file = ConfinedFile.resolve(datasetsDir, name, field, "datasets folder");
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("'" + field + "' names no file of the datasets folder: " + file.getFileName());
    }
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

  private static long range(JsonObject request, String field, long fallback, long min, long max) {
    if (!request.containsKey(field) || request.isNull(field)) {
      return fallback;
    }
    long value = Json.optionalCount(request, field);
    if (value < min || value > max) {
      throw new InvalidInputException("'" + field + "' must be between " + min + " and " + max);
    }
    return value;
  }
}
