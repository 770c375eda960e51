package ai.atlas.web.interfaces.export;

import ai.atlas.core.application.redaction.Redactor;
import ai.atlas.core.application.trace.ExportFormat;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.SessionQuery;
import ai.atlas.core.sessions.SessionService.ExportPage;
import ai.atlas.core.sessions.SessionService;
import ai.atlas.server.config.RedactionConfig;
import ai.atlas.web.interfaces.sessions.SessionFilterParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Sessions as JSON lines, streamed a page at a time (memory stays flat however many sessions
 * there are), redacted like every export. Approved sessions only unless {@code reviewStatus}
 * says otherwise ({@code any} for all).
 */
@Path("/export")
@RequestScoped
public class ExportResource {

  private static final int PAGE = 100;

  @Inject SessionService sessions;
  @Inject RedactionConfig redaction;

  @GET
  @Produces("application/x-ndjson")
  @RolesAllowed(Role.REVIEWER_NAME)
  @Operation(summary = "Stream sessions as JSONL in the atlas, openai or trl format, with the session list's filters")
  public Response export(@QueryParam("format") String format, @BeanParam SessionFilterParams filters) {
    ExportFormat exportFormat = ExportFormat.fromWire(format == null || format.isBlank() ? "atlas" : format).orElseThrow(() ->
        new InvalidInputException("'format' must be one of " + ExportFormat.wireNames() + ", not '" + format + "'"));
    SessionQuery query = filters.toQuery(ReviewStatus.APPROVED);
    Redactor redactor = redaction.exportRedactor(); // a broken configuration fails here, before anything is sent
    StreamingOutput body = out -> {
      BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      long after = 0;
      ExportPage page;
      do {
        page = sessions.exportPage(query, after, PAGE, s -> exportFormat.lines(s).stream()
            .map(redactor::redact).map(JsonObject::toString).toList());
        for (String line : page.lines()) {
          writer.write(line);
          writer.write('\n');
        }
        writer.flush();
        after = page.lastId();
      } while (page.more());
    };
    return Response.ok(body).header("Content-Disposition", "attachment; filename=\"sessions-" + exportFormat.wireName() + ".jsonl\"").build();
  }
}
