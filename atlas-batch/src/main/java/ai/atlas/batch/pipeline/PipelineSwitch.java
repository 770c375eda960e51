package ai.atlas.batch.pipeline;

import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.profile.ProfileService;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Switches the profile's teacher to the new checkpoint when {@code switchWhen} allows:
 * {@code always}, {@code not-worse} (the new teacher's held-out accuracy is at least the previous
 * one's) or {@code never}. The profile is stored as a new version through the profile service,
 * audited in the caller's name; the previous path is in the job's result, to switch back.
 */
@Named("pipelineSwitch")
@Dependent
public class PipelineSwitch extends AbstractBatchlet {

  @Inject @BatchProperty String profile;
  @Inject @BatchProperty String output;
  @Inject @BatchProperty String switchWhen;
  @Inject @BatchProperty String startedBy;
  @Inject JobContext job;
  @Inject ProfileService profiles;
  @Inject PipelineReport report;

  @Override
  public String process() {
    JsonObject measured = report.stage(job, "measure").orElseThrow(() -> new IllegalStateException("the measure stage wrote no table"));
    double previous = measured.getJsonObject("previous").getJsonNumber("withTeacher").doubleValue();
    double next = measured.getJsonObject("new").getJsonNumber("withTeacher").doubleValue();
    boolean allowed = switch (switchWhen) {
      case "always" -> true;
      case "never" -> false;
      default -> next >= previous;
    };
    Map<String, Object> document = deepCopy(profiles.get(profile).document());
    @SuppressWarnings("unchecked")
    Map<String, Object> llm = (Map<String, Object>) ((Map<String, Object>) document.get("teacher")).get("llm");
    @SuppressWarnings("unchecked")
    Map<String, Object> settings = (Map<String, Object>) llm.computeIfAbsent("settings", k -> new LinkedHashMap<String, Object>());
    String from = String.valueOf(settings.get("path"));
    String to = profilePath(Path.of(output));
    String reason = String.format(Locale.ROOT, "switchWhen=%s: held-out accuracy with the new teacher %.1f%%, with the previous %.1f%%",
        switchWhen, 100 * next, 100 * previous);
    if (allowed) {
      settings.put("path", to);
      llm.put("model", Path.of(output).getFileName().toString());
      Actor actor = new Actor(startedBy == null || startedBy.isBlank() ? Actor.SYSTEM.name() : startedBy, null);
      profiles.put(profile, Json.createObjectBuilder(document).build().toString(), actor);
    }
    report.stage(job, "switch", Json.createObjectBuilder().add("switched", allowed).add("from", from).add("to", to)
        .add("reason", reason).build());
    String status = (allowed ? "switched to " : "kept the previous teacher, not ") + to + " (" + reason + ")";
    job.setExitStatus(status);
    return status;
  }

  /** The path as the profile writes it: relative to the server's folder where the checkpoint is inside it. */
  static String profilePath(Path checkpoint) {
    Path here = Path.of("").toAbsolutePath();
    Path absolute = checkpoint.toAbsolutePath().normalize();
    return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> source) {
    Map<String, Object> copy = new LinkedHashMap<>();
    source.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> nested ? deepCopy((Map<String, Object>) nested)
        : value instanceof java.util.List<?> list ? new java.util.ArrayList<>(list) : value));
    return copy;
  }
}
