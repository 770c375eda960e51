package ai.atlas.batch.export;

import ai.atlas.batch.config.RedactionConfig;
import ai.atlas.core.application.redaction.Redactor;
import ai.atlas.core.application.trace.AtlasTraceFormat;
import ai.atlas.core.domain.session.AgentSession;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * One session as one line of the {@code atlas} trace format, redacted. A redaction that fails
 * throws, so the item is never written and the job fails: exports fail closed.
 */
@Named("atlasTraceProcessor")
@Dependent
public class AtlasTraceProcessor implements ItemProcessor {

  @Inject RedactionConfig redaction;

  private Redactor redactor;

  @Override
  public Object processItem(Object item) {
    if (redactor == null) {
      redactor = redaction.exportRedactor();
    }
    return redactor.redact(AtlasTraceFormat.toJson((AgentSession) item)).toString();
  }
}
