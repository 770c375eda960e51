package ai.atlas.batch.export;

import ai.atlas.core.application.trace.AtlasTraceFormat;
import ai.atlas.core.domain.session.AgentSession;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** One session as one line of the {@code atlas} trace format. */
@Named("atlasTraceProcessor")
@Dependent
public class AtlasTraceProcessor implements ItemProcessor {

  @Override
  public Object processItem(Object item) {
    return AtlasTraceFormat.toJson((AgentSession) item).toString();
  }
}
