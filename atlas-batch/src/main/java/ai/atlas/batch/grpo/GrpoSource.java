package ai.atlas.batch.grpo;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The grpo job's first step: its exit status says where the prompts come from, {@code sessions}
 * (the approved sessions are exported into the dataset file first) or {@code dataset}.
 */
@Named("grpoSource")
@Dependent
public class GrpoSource extends AbstractBatchlet {

  @Inject @BatchProperty String source;

  @Override
  public String process() {
    return "sessions".equals(source) ? "sessions" : "dataset";
  }
}
