package ai.atlas.batch.gepa;

import ai.atlas.core.application.jobs.JobResults;
import ai.atlas.core.common.Json;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import java.util.Locale;

/** Marks the stored report complete and says in the exit status how far the best candidate got. */
@Named("gepaFinish")
@Dependent
public class GepaFinish extends AbstractBatchlet {

  @Inject JobContext job;
  @Inject JobResults results;

  @Override
  public String process() {
    JsonObject report = results.find(job.getInstanceId()).map(text -> Json.parse(text).asJsonObject())
        .orElseThrow(() -> new IllegalStateException("the gepa job stored no report"));
    JsonObject complete = jakarta.json.Json.createObjectBuilder(report).add("complete", true).build();
    results.store(job.getInstanceId(), job.getJobName(), complete.toString());
    String status = String.format(Locale.ROOT, "score %.4f -> %.4f (%d candidates, %d of %d metric calls)",
        report.getJsonNumber("initialScore").doubleValue(), report.getJsonNumber("bestScore").doubleValue(),
        report.getJsonArray("candidates").size(), report.getJsonObject("budget").getJsonNumber("spent").longValue(),
        report.getJsonObject("budget").getJsonNumber("limit").longValue());
    job.setExitStatus(status);
    return status;
  }
}
