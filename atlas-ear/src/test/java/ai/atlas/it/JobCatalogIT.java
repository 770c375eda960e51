package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a job console lists: instances with their executions, and the startable jobs with their parameters. */
class JobCatalogIT {

  @Test
  void instancesAreListedNewestFirstWithTheirExecutions() throws Exception {
    HttpResponse<String> started = Server.postJson("/api/jobs/export", "{\"output\": \"catalog/" + Server.marker() + ".jsonl\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long execution = Server.json(started).getJsonNumber("executionId").longValue();
    long instance = Server.json(started).getJsonNumber("instanceId").longValue();
    assertThat(Server.awaitJobEnd(execution, Duration.ofSeconds(90)).getString("batchStatus")).isEqualTo("COMPLETED");

    JsonObject page = Server.json(Server.get("/api/jobs?name=export&size=5"));
    assertThat(page.getJsonNumber("total").longValue()).isPositive();
    List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonObject.class);
    assertThat(items).isNotEmpty().hasSizeLessThanOrEqualTo(5).allSatisfy(i -> assertThat(i.getString("jobName")).isEqualTo("export"));
    assertThat(items.get(0).getJsonNumber("instanceId").longValue()).isGreaterThanOrEqualTo(instance);
    JsonObject ours = Server.json(Server.get("/api/jobs?size=200")).getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .filter(i -> i.getJsonNumber("instanceId").longValue() == instance).findFirst().orElseThrow();
    JsonObject run = ours.getJsonArray("executions").getJsonObject(0);
    assertThat(run.getJsonNumber("executionId").longValue()).isEqualTo(execution);
    assertThat(run.getString("batchStatus")).isEqualTo("COMPLETED");
    assertThat(run.getString("endTime")).isNotBlank();

    LimitsIT.assertProblem(Server.get("/api/jobs?name=nonsense"), 400, "'name' must be one of");
    LimitsIT.assertProblem(Server.get("/api/jobs?size=abc"), 400, "'size' must be a whole number");
  }

  @Test
  void theStartableJobsAreDescribedWithTheirParametersAndDefaults() {
    List<JsonObject> jobs = Server.jsonArray(Server.get("/api/jobs/definitions"));
    assertThat(jobs).extracting(j -> j.getString("name")).containsExactly("export", "reward-eval", "sft", "grpo", "gepa", "pipeline");
    JsonObject grpo = jobs.get(3);
    List<JsonObject> parameters = grpo.getJsonArray("parameters").getValuesAs(JsonObject.class);
    assertThat(parameters).anySatisfy(p -> {
      assertThat(p.getString("name")).isEqualTo("numGenerations");
      assertThat(p.getString("defaultValue")).isEqualTo("8");
    });
    assertThat(parameters).anySatisfy(p -> {
      assertThat(p.getString("name")).isEqualTo("lossType");
      assertThat(p.getString("defaultValue")).isEqualTo("dapo");
    });
    assertThat(parameters).anySatisfy(p -> assertThat(p.getString("name")).isEqualTo("dataset"));
  }
}
