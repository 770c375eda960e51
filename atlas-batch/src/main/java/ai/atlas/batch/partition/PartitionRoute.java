package ai.atlas.batch.partition;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The first step of a job that can spread its work over the servers: its exit status,
 * {@code partitioned} when the {@code partitions} property is above 1 and {@code local} otherwise,
 * picks the next step in the job XML.
 */
@Named("partitionRoute")
@Dependent
public class PartitionRoute extends AbstractBatchlet {

  @Inject
  @BatchProperty
  String partitions;

  @Override
  public String process() {
    return partitions != null && !partitions.isBlank() && Integer.parseInt(partitions.strip()) > 1 ? "partitioned" : "local";
  }
}
