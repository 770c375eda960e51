package ai.atlas.batch.pipeline;

import ai.atlas.core.application.jobs.JobResults;
import ai.atlas.core.common.Json;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * The pipeline job's result, {@code {"stages": {"sessions": {...}, "review": {...}, ...}}}: each
 * stage replaces its own entry when it ends (a restarted stage writes it again), so the result
 * shows how far the loop got and what each stage did.
 */
@Dependent
public class PipelineReport {

  @Inject JobResults results;

  public void stage(JobContext job, String name, JsonObject value) {
    results.storeStage(job.getInstanceId(), job.getJobName(), name, value);
  }

  /** A stage's entry, when it has written one. */
  public Optional<JsonObject> stage(JobContext job, String name) {
    return results.find(job.getInstanceId()).map(Json::parse).filter(v -> v instanceof JsonObject).map(v -> (JsonObject) v)
        .filter(o -> o.get("stages") instanceof JsonObject).map(o -> o.getJsonObject("stages"))
        .filter(s -> s.get(name) instanceof JsonObject).map(s -> s.getJsonObject(name));
  }
}
