package ai.atlas.batch.rewardeval;

import ai.atlas.batch.partition.PartitionDispatch;
import ai.atlas.core.application.jobs.PartitionWork;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One partition of a partitioned reward-eval: reads its lines of the dataset (on this server,
 * which has the file) into the partition's payload and has any server sharing the database judge
 * them ({@link PreferencePartitionHandler}); its exit status names the server that did.
 */
@Named("preferencePartitionDispatch")
@Dependent
public class PreferencePartitionDispatch extends AbstractBatchlet {

  static final String KIND = "reward-eval";

  @Inject PartitionWork work;
  @Inject JobContext job;
  @Inject StepContext step;

  @Inject
  @BatchProperty
  String dataset;

  @Inject
  @BatchProperty
  String profile;

  @Inject
  @BatchProperty
  String partition;

  @Inject
  @BatchProperty
  String fromLine;

  @Inject
  @BatchProperty
  String toLine;

  private volatile boolean stopping;

  @Override
  public String process() throws Exception {
    long from = Long.parseLong(fromLine);
    long to = Long.parseLong(toLine);
    JsonArrayBuilder lines = Json.createArrayBuilder();
    try (BufferedReader reader = Files.newBufferedReader(Path.of(dataset), StandardCharsets.UTF_8)) {
      String text;
      for (long line = 1; line < to && (text = reader.readLine()) != null; line++) {
        if (line >= from && !text.isBlank()) {
          lines.add(Json.createObjectBuilder().add("line", line).add("text", text));
        }
      }
    } catch (IOException e) {
      throw new IOException("cannot read the dataset " + dataset + ": " + e.getMessage(), e);
    }
    String payload = Json.createObjectBuilder().add("instanceId", job.getInstanceId()).add("profile", profile).add("lines", lines)
        .build().toString();
    int number = Integer.parseInt(partition);
    return PartitionDispatch.run(work, job.getInstanceId(), step.getStepName(), number, KIND, payload, () -> stopping)
        .map(server -> "partition " + number + " ran on " + server).orElse("stopped");
  }

  @Override
  public void stop() {
    stopping = true;
  }
}
