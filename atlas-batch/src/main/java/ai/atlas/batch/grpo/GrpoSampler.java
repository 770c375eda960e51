package ai.atlas.batch.grpo;

import ai.atlas.batch.train.JsonlBatchReader;
import ai.atlas.model.grpo.GrpoDataset;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.util.List;

/**
 * A batch of dataset lines becomes the step's prompts: each line parsed (a bad line fails the
 * step before anything of it is trained, with its line number). The writer samples, scores and
 * trains on them; nothing is shared between the two but the item.
 */
@Named("grpoSampler")
@Dependent
public class GrpoSampler implements ItemProcessor {

  @Override
  public Object processItem(Object item) {
    return ((List<?>) item).stream().map(JsonlBatchReader.Line.class::cast)
        .map(line -> GrpoDataset.parse(line.text(), line.number())).toList();
  }
}
