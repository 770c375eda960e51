package ai.atlas.batch.export;

import ai.atlas.core.application.redaction.Redactor;
import ai.atlas.core.application.trace.ExportFormat;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.server.config.RedactionConfig;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import java.util.stream.Collectors;

/**
 * One session as its lines in the job's export format ({@code atlas}, {@code openai} or
 * {@code trl}), every string redacted. A redaction that fails throws, so the item is never written
 * and the job fails: exports fail closed. A session with no line in the format is skipped.
 */
@Named("exportLineProcessor")
@Dependent
public class ExportLineProcessor implements ItemProcessor {

  @Inject RedactionConfig redaction;

  @Inject
  @BatchProperty
  String format;

  private Redactor redactor;
  private ExportFormat exportFormat;

  @Override
  public Object processItem(Object item) {
    if (redactor == null) {
      redactor = redaction.exportRedactor();
      exportFormat = ExportFormat.fromWire(format == null ? "atlas" : format)
          .orElseThrow(() -> new IllegalArgumentException("unknown export format '" + format + "'"));
    }
    String lines = exportFormat.lines((AgentSession) item).stream()
        .map(redactor::redact).map(JsonObject::toString).collect(Collectors.joining("\n"));
    return lines.isEmpty() ? null : lines;
  }
}
