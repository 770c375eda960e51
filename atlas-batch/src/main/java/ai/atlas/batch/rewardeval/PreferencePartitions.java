package ai.atlas.batch.rewardeval;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Cuts the dataset into {@code partitions} runs of consecutive lines of about equal size (fewer
 * when there are fewer lines), each a partition that {@link PreferencePartitionDispatch} hands to
 * whichever server claims it.
 */
@Named("preferencePartitions")
@Dependent
public class PreferencePartitions implements PartitionMapper {

  @Inject
  @BatchProperty
  String dataset;

  @Inject
  @BatchProperty
  String partitions;

  @Override
  public PartitionPlan mapPartitions() {
    long lines;
    try (Stream<String> all = Files.lines(Path.of(dataset), StandardCharsets.UTF_8)) {
      lines = all.count();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dataset " + dataset, e);
    }
    int count = (int) Math.max(1, Math.min(Integer.parseInt(partitions.strip()), lines));
    Properties[] each = new Properties[count];
    for (int p = 0; p < count; p++) {
      Properties properties = new Properties();
      properties.setProperty("partition", Integer.toString(p));
      properties.setProperty("fromLine", Long.toString(lines * p / count + 1)); // line numbers from 1, as the reader counts
      properties.setProperty("toLine", Long.toString(lines * (p + 1) / count + 1)); // exclusive
      each[p] = properties;
    }
    PartitionPlanImpl plan = new PartitionPlanImpl();
    plan.setPartitions(count);
    plan.setThreads(count); // each thread only waits for a server to run its partition
    plan.setPartitionProperties(each);
    return plan;
  }
}
